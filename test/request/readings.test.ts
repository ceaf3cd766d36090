import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRequests, type FileReadings, type LoadedRequests } from '../../lib/request';
import { DEFAULT_YAML_LIMITS } from '../../lib/request/yaml';
import { ORDERS, SHIPPING, workspace } from '../support/workspace';
import { loadedSummary } from '../support/loaded-summary';

/** Fails its schema check: the team is reported as having a broken file. */
const BROKEN = 'team: billing\nowner: billing@example.com\nqueues:\n  ledger:\n    visibilityTimeout: soon\n';

const FILES = { 'orders.yaml': ORDERS, 'shipping.yaml': SHIPPING, 'billing.yaml': BROKEN };

function load(files: Record<string, string>, readings?: FileReadings): LoadedRequests {
  const project = workspace(files);
  return loadRequests({
    requestsDir: project.requestsDir,
    configFile: project.configFile,
    cwd: project.root,
    ...(readings ? { readings } : {}),
  });
}

describe('readings of files read before', () => {
  it('are reused for the same bytes under the same name, and give what reading the file gives', () => {
    const readings: FileReadings = new Map();
    const first = load(FILES, readings);
    // The platform config and the three request files.
    expect(readings.size).toBe(4);
    expect(first.teamsWithBrokenFiles).toEqual(new Set(['billing']));

    const changed = { ...FILES, 'shipping.yaml': SHIPPING.replace('work:', 'work:\n    fifo: false') };
    // Passed between threads as a structured clone: plain data only.
    const reused = load(changed, structuredClone(readings));
    expect(loadedSummary(reused)).toEqual(loadedSummary(load(changed)));
    const before = [...readings];
    expect(loadedSummary(load(FILES, readings))).toEqual(loadedSummary(first));
    // Nothing was read again: the same readings, not new ones under the same names.
    expect([...readings]).toEqual(before);
    for (const [key, reading] of before) expect(readings.get(key)).toBe(reading);
    // Only the changed file is read again.
    const shared = structuredClone(readings);
    load(changed, shared);
    expect(shared.size).toBe(5);
  });

  it('are not reused for a file of the same bytes under another name', () => {
    const readings: FileReadings = new Map();
    load({ 'orders.yaml': ORDERS }, readings);
    const moved = load({ 'teams/orders.yaml': ORDERS }, readings);
    expect(readings.size).toBe(3);
    expect(moved.requests.map((request) => request.file)).toEqual(['requests/teams/orders.yaml']);
  });

  it('keep a file that cannot be read out of them', () => {
    const project = workspace({ 'orders.yaml': ORDERS });
    const tooLarge = DEFAULT_YAML_LIMITS.maxBytes + 1;
    fs.writeFileSync(path.join(project.requestsDir, 'large.yaml'), `# ${'x'.repeat(tooLarge)}\n`);
    const readings: FileReadings = new Map();
    const loaded = loadRequests({
      requestsDir: project.requestsDir,
      configFile: project.configFile,
      cwd: project.root,
      readings,
    });
    expect(loaded.diagnostics.map((diagnostic) => diagnostic.file)).toEqual(['requests/large.yaml']);
    expect(readings.size).toBe(2);
  });
});
