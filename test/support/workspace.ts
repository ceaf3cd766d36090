import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Diagnostic } from '../../lib/diagnostics';
import { validateRequests, type ValidationResult } from '../../lib/pipeline';

/** A platform config that most tests share: two environments in two accounts. */
export const PLATFORM_CONFIG = `environments:
  dev: { account: "111111111111", region: eu-west-1 }
  prod: { account: "999999999999", region: eu-west-1 }
allowedPrincipalAccounts: ["222222222222"]
`;

export interface Workspace {
  readonly root: string;
  readonly requestsDir: string;
  readonly configFile: string;
  validate(): ValidationResult;
}

/**
 * A throwaway project: the platform config and request files (path relative to requests/ ->
 * YAML text). Paths in diagnostics are relative to its root, as the CLI shows them.
 */
export function workspace(requests: Record<string, string>, config: string = PLATFORM_CONFIG): Workspace {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'eventbus-test-'));
  const requestsDir = path.join(root, 'requests');
  fs.mkdirSync(requestsDir);
  for (const [file, text] of Object.entries(requests)) {
    const target = path.join(requestsDir, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
  }
  const configFile = path.join(root, 'eventbus.config.yaml');
  fs.writeFileSync(configFile, config);
  return {
    root,
    requestsDir,
    configFile,
    validate: () => validateRequests({ requestsDir, configFile, cwd: root }),
  };
}

/** Diagnostics of a set of request files, as code, file and line: what tests assert. */
export function problems(
  requests: Record<string, string>,
  config?: string,
): Pick<Diagnostic, 'code' | 'severity' | 'file' | 'line' | 'column'>[] {
  return workspace(requests, config)
    .validate()
    .diagnostics.map(({ code, severity, file, line, column }) => ({ code, severity, file, line, column }));
}

/** The smallest valid pair of teams: orders publishes, shipping subscribes. */
export const ORDERS = `team: orders
owner: orders@example.com
topics:
  order-events:
    events: [OrderCreated, OrderShipped]
    publishers: [arn:aws:iam::111111111111:role/orders-api]
    externalSubscribers: true
  ledger:
    fifo: true
`;

/** A team whose queue "work" subscribes to ORDERS' order events. */
export const SHIPPING = `team: shipping
owner: shipping@example.com
queues:
  work:
    subscriptions:
      - topic: orders/order-events
`;
