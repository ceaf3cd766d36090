import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyOfExample, REPO, runCli } from './run-cli';

describe('eventbus codeowners', () => {
  it("gives each team's places to its codeowners, and the rest to the platform's", async () => {
    const result = await runCli(['codeowners'], REPO);
    expect(result.status).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines.slice(1, 3)).toEqual(['[Event bus requests]', '/requests/ @acme/platform-infrastructure']);
    expect(lines).toEqual(
      expect.arrayContaining([
        '/requests/orders.yaml @acme/orders',
        '/requests/orders/ @acme/orders',
        '/requests/payments/ @acme/payments',
        // shipping names no codeowners: its owner's e-mail address approves.
        '/requests/shipping.yaml shipping-oncall@example.com',
      ]),
    );
    // The platform's own files come last, so no team pattern can take them over.
    expect(lines.slice(-3)).toEqual([
      '/eventbus.config.yaml @acme/platform-infrastructure',
      '/CODEOWNERS @acme/platform-infrastructure',
      '',
    ]);
  });

  it('follows the layout of the platform config, and falls back to the platform for an owner GitLab cannot use', async () => {
    const root = copyOfExample();
    fs.appendFileSync(
      path.join(root, 'eventbus.config.yaml'),
      "teamFiles: ['{team}/*.yaml', 'legacy/{team}.yaml']\n",
    );
    fs.renameSync(path.join(root, 'requests/orders.yaml'), path.join(root, 'orders.yaml'));
    fs.mkdirSync(path.join(root, 'requests/orders'));
    fs.renameSync(path.join(root, 'orders.yaml'), path.join(root, 'requests/orders/orders.yaml'));
    for (const team of ['analytics', 'shipping']) {
      fs.mkdirSync(path.join(root, `requests/${team}`));
      fs.renameSync(
        path.join(root, `requests/${team}.yaml`),
        path.join(root, `requests/${team}/${team}.yaml`),
      );
    }
    const shipping = path.join(root, 'requests/shipping/shipping.yaml');
    fs.writeFileSync(
      shipping,
      fs.readFileSync(shipping, 'utf8').replace(/^owner: .*$/m, 'owner: shipping-oncall'),
    );
    const result = await runCli(['codeowners', '--codeowners-file', '.gitlab/CODEOWNERS'], root);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(
      '/requests/orders/*.yaml @acme/orders\n/requests/legacy/orders.yaml @acme/orders\n',
    );
    expect(result.stdout).toContain('# team shipping names no codeowners');
    expect(result.stdout).not.toContain('/requests/shipping');
    expect(result.stdout).toContain('/.gitlab/CODEOWNERS @acme/platform-infrastructure\n');
  });

  it('--check passes a CODEOWNERS that holds the section and fails one that lacks or outdates it', async () => {
    const root = copyOfExample();
    const { stdout: section } = await runCli(['codeowners'], root);
    const file = path.join(root, 'CODEOWNERS');
    expect((await runCli(['codeowners', '--check'], root)).stderr).toContain('section is missing');
    fs.writeFileSync(file, `[Other]\n/docs/ @writers\n\n${section}`);
    expect((await runCli(['codeowners', '--check'], root)).status).toBe(0);
    fs.writeFileSync(file, section.replace('@acme/orders', '@someone'));
    const stale = await runCli(['codeowners', '--check'], root);
    expect(stale.status).toBe(1);
    expect(stale.stderr).toContain('CODEOWNERS: its [Event bus requests] section is out of date');
  });

  it('refuses a platform config without codeowners, and paths outside the repository root', async () => {
    const root = copyOfExample();
    const config = path.join(root, 'eventbus.config.yaml');
    fs.writeFileSync(config, fs.readFileSync(config, 'utf8').replace(/^codeowners: .*$/m, ''));
    const result = await runCli(['codeowners'], root);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('the platform config names no codeowners');
    expect(result.stdout).toBe('');
    expect((await runCli(['codeowners', '--requests', '../elsewhere'], root)).status).toBe(2);
  });
});
