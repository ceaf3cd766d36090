/**
 * The one door to @cloud-copilot/iam-simulate. It is AGPL-3.0 and a devDependency: only tests
 * import it, and only through this file.
 *
 * The simulator fills in no context keys, so every request states its own: `aws:SecureTransport`
 * always; the keys AWS derives from the caller on every request (`aws:PrincipalArn`,
 * `aws:PrincipalAccount`, `aws:PrincipalType`, `aws:PrincipalIsAWSService`, or
 * `aws:PrincipalServiceName` for a service); `aws:SourceArn` and `aws:SourceAccount` when a service
 * acts for a resource; and `kms:ViaService` and `kms:ResourceAliases` for KMS. A key the
 * simulator would drop because it does not apply to the action is an error, never a silent pass:
 * a dropped key would make a condition test nothing.
 */
import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';

export type Decision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

/** An IAM policy document as written in the generated output. */
export interface PolicyDocumentJson {
  readonly Version: string;
  readonly Statement: readonly unknown[];
}

export interface NamedPolicy {
  readonly name: string;
  readonly policy: PolicyDocumentJson;
}

/** What a resource is: its ARN, its owner's account, and the policy on it. */
export interface PolicedResource {
  readonly arn: string;
  /** The resource owner's account: the simulator tells same-account from cross-account by it. */
  readonly account: string;
  readonly policy: PolicyDocumentJson;
}

export interface AccessRequest {
  /** An IAM role or user ARN, or a service principal such as `sns.amazonaws.com`. */
  readonly principal: string;
  readonly action: string;
  readonly resource: PolicedResource;
  /** Policies attached to the principal in its own account. */
  readonly identity: readonly NamedPolicy[];
  readonly secureTransport: boolean;
  /** `aws:SourceArn`, with `aws:SourceAccount` taken from it: the resource a service acts for. */
  readonly sourceArn?: string;
  /** `kms:ViaService`: the service that called KMS for the principal. */
  readonly viaService?: string;
  /** `kms:ResourceAliases`: the aliases of the key, which KMS adds to every request on a key. */
  readonly resourceAliases?: readonly string[];
}

let simulations = 0;

/** Simulations run by this process so far. */
export function simulationCount(): number {
  return simulations;
}

/** The evaluator's decision, or an error naming the request when it could not evaluate it faithfully. */
export async function decide(request: AccessRequest): Promise<Decision> {
  simulations += 1;
  const response = await runSimulation(simulationOf(request), { simulationMode: 'Strict' });
  if (response.resultType === 'error') {
    throw new Error(
      `${describeRequest(request)}: the simulator refused it: ${JSON.stringify(response.errors)}`,
    );
  }
  if (response.resultType !== 'single') {
    throw new Error(`${describeRequest(request)}: expected one resource, got a wildcard result`);
  }
  const ignored = response.result.ignoredContextKeys;
  if (ignored === undefined || ignored.length > 0) {
    throw new Error(
      `${describeRequest(request)}: the simulator ignored context keys ${JSON.stringify(ignored)}; ` +
        'a condition on them would have tested nothing',
    );
  }
  return response.overallResult;
}

export function isDenied(decision: Decision): boolean {
  return decision !== 'Allowed';
}

/** "principal action on resource [context; identity]": what a failure must say. */
export function describeRequest(request: AccessRequest): string {
  const context = [
    `aws:SecureTransport=${String(request.secureTransport)}`,
    request.sourceArn === undefined ? 'no aws:SourceArn' : `aws:SourceArn=${request.sourceArn}`,
    ...(request.viaService === undefined ? [] : [`kms:ViaService=${request.viaService}`]),
  ];
  const identity =
    request.identity.length === 0 ? 'none' : request.identity.map((policy) => policy.name).join('+');
  return `${request.principal} ${request.action} on ${request.resource.arn} [${context.join(', ')}; identity policy: ${identity}]`;
}

function simulationOf(request: AccessRequest): Simulation {
  const contextVariables: Record<string, string | string[]> = {
    'aws:SecureTransport': String(request.secureTransport),
    ...callerKeys(request.principal),
  };
  if (request.sourceArn !== undefined) {
    contextVariables['aws:SourceArn'] = request.sourceArn;
    contextVariables['aws:SourceAccount'] = accountOfArn(request.sourceArn);
  }
  if (request.viaService !== undefined) contextVariables['kms:ViaService'] = request.viaService;
  if (request.resourceAliases !== undefined)
    contextVariables['kms:ResourceAliases'] = [...request.resourceAliases];
  return {
    request: {
      principal: request.principal,
      action: request.action,
      resource: { resource: request.resource.arn, accountId: request.resource.account },
      contextVariables,
    },
    identityPolicies: request.identity.map(({ name, policy }) => ({ name, policy })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: request.resource.policy,
  };
}

/**
 * What AWS puts in the request context about the caller (IAM User Guide, "AWS global condition
 * context keys"): a role calls as its session, so its type is AssumedRole and its principal ARN the
 * role's.
 */
function callerKeys(principal: string): Record<string, string> {
  if (!principal.startsWith('arn:')) {
    return { 'aws:PrincipalServiceName': principal, 'aws:PrincipalIsAWSService': 'true' };
  }
  const type = /^arn:[\w-]+:iam::\d{12}:(role|user)\//.exec(principal)?.[1];
  if (type === undefined) throw new Error(`not a role or user ARN: ${principal}`);
  return {
    'aws:PrincipalArn': principal,
    'aws:PrincipalAccount': accountOfArn(principal),
    'aws:PrincipalType': type === 'role' ? 'AssumedRole' : 'User',
    'aws:PrincipalIsAWSService': 'false',
  };
}

/** The account field of an ARN (`arn:partition:service:region:account:resource`). */
export function accountOfArn(arn: string): string {
  const account = arn.split(':')[4];
  if (account === undefined || !/^\d{12}$/.test(account)) throw new Error(`no account in ARN ${arn}`);
  return account;
}
