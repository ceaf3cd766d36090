/**
 * A plan this backend cannot render faithfully: colliding stack or logical ids, a dependency on a
 * stack that is not being synthesized, a dependency cycle, or text CloudFormation would execute.
 * Valid plans from `planStacks` should never raise it; when one does, the message names the
 * resources involved so the model can gain a rule for it.
 */
export class CloudFormationPlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CloudFormationPlanError';
  }
}
