/**
 * The CloudFormation backend's topic, queue and key policies, read from the templates of the
 * cloud assembly `synthesizeCloudFormation` writes, evaluated by the same assertions as
 * Terraform's.
 */
import { bundledExample, encryptedExample, render } from './pipeline';
import { describeLeastPrivilege } from './suite';

describeLeastPrivilege('cloudformation: bundled requests', () => render('cloudformation', bundledExample()));
describeLeastPrivilege('cloudformation: encrypted fixture', () =>
  render('cloudformation', encryptedExample()),
);
