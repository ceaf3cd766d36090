/**
 * The Terraform backend's topic, queue and key policies, read from `cdk.tf.json` as cdktf writes
 * them, evaluated by an IAM policy simulator.
 */
import { bundledExample, encryptedExample, render } from './pipeline';
import { describeLeastPrivilege } from './suite';

describeLeastPrivilege('terraform: bundled requests', () => render('terraform', bundledExample()));
describeLeastPrivilege('terraform: encrypted fixture', () => render('terraform', encryptedExample()));
