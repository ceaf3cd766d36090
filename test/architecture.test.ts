import * as fs from 'node:fs';
import * as path from 'node:path';
import { ESLint } from 'eslint';
import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';

const REPO = path.resolve(__dirname, '..');

/**
 * One import of a lib/ module by another. Type-only imports count as much as value imports: they
 * vanish from the JavaScript, but a type still ties its importer to the module that owns it (it
 * cannot be read, compiled or moved without it), and the layers are about that dependency, not
 * about load order. They are marked only so that a listed cycle shows what kind it is.
 */
interface ModuleImport {
  readonly from: string;
  readonly to: string;
  readonly typeOnly: boolean;
}

/** A package (not a lib/ module) that a lib/ module loads, with the specifier it names. */
interface PackageImport {
  readonly from: string;
  readonly specifier: string;
}

interface ImportGraph {
  readonly modules: readonly string[];
  readonly imports: readonly ModuleImport[];
  readonly packages: readonly PackageImport[];
}

function compilerOptions(): ts.CompilerOptions {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    path.join(REPO, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error('tsconfig.json could not be read');
  return parsed.options;
}

/** Every module specifier a file names: static imports and re-exports, import(), require() and import types. */
function specifiersOf(source: ts.SourceFile): { specifier: string; typeOnly: boolean }[] {
  const found: { specifier: string; typeOnly: boolean }[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: isTypeOnly(node) });
    } else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === 'require')) &&
      node.arguments[0] !== undefined &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      found.push({ specifier: node.arguments[0].text, typeOnly: false });
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteral(node.moduleReference.expression)
    ) {
      found.push({ specifier: node.moduleReference.expression.text, typeOnly: node.isTypeOnly });
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      found.push({ specifier: node.argument.literal.text, typeOnly: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function isTypeOnly(declaration: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(declaration)) return declaration.isTypeOnly;
  const clause = declaration.importClause;
  if (!clause) return false;
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return (
    clause.name === undefined &&
    bindings !== undefined &&
    ts.isNamedImports(bindings) &&
    bindings.elements.length > 0 &&
    bindings.elements.every((element) => element.isTypeOnly)
  );
}

function libModules(directory = path.join(REPO, 'lib')): string[] {
  return fs
    .readdirSync(directory, { withFileTypes: true })
    .flatMap((entry) => {
      const absolute = path.join(directory, entry.name);
      if (entry.isDirectory()) return libModules(absolute);
      return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [absolute] : [];
    })
    .sort();
}

function buildImportGraph(): ImportGraph {
  const options = compilerOptions();
  const modules = libModules();
  const imports: ModuleImport[] = [];
  const packages: PackageImport[] = [];
  for (const file of modules) {
    const from = path.relative(REPO, file);
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    for (const { specifier, typeOnly } of specifiersOf(source)) {
      const resolved = ts.resolveModuleName(specifier, file, options, ts.sys).resolvedModule;
      if (!specifier.startsWith('.')) {
        packages.push({ from, specifier });
      } else if (resolved === undefined) {
        throw new Error(`${from} imports ${specifier}, which does not resolve`);
      } else {
        imports.push({ from, to: path.relative(REPO, resolved.resolvedFileName), typeOnly });
      }
    }
  }
  return { modules: modules.map((file) => path.relative(REPO, file)), imports, packages };
}

/**
 * One cycle through each strongly connected component (Tarjan), as `a -> b -> a`. Edges that are
 * type-only in every import are marked, so a reader sees whether the cycle exists at run time.
 */
function findCycles(nodes: readonly string[], edges: readonly ModuleImport[]): string[] {
  const next = new Map<string, string[]>(nodes.map((node) => [node, []]));
  for (const edge of edges) next.get(edge.from)?.push(edge.to);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const components: string[][] = [];
  const connect = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node) as number);
    stack.push(node);
    for (const target of next.get(node) ?? []) {
      if (!index.has(target)) {
        connect(target);
        low.set(node, Math.min(low.get(node) as number, low.get(target) as number));
      } else if (stack.includes(target)) {
        low.set(node, Math.min(low.get(node) as number, index.get(target) as number));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component = stack.splice(stack.indexOf(node));
    if (component.length > 1 || (next.get(node) ?? []).includes(node)) components.push(component.sort());
  };
  for (const node of nodes) if (!index.has(node)) connect(node);
  return components.map((component) => describeCycle(component, next, edges)).sort();
}

/** The shortest way from the component's first module back to it, staying inside the component. */
function describeCycle(
  component: readonly string[],
  next: ReadonlyMap<string, readonly string[]>,
  edges: readonly ModuleImport[],
): string {
  const start = component[0] as string;
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0 && !cameFrom.has(start)) {
    const node = queue.shift() as string;
    for (const target of next.get(node) ?? []) {
      if (component.includes(target) && !cameFrom.has(target)) {
        cameFrom.set(target, node);
        queue.push(target);
      }
    }
  }
  const cycle: string[] = [start];
  for (let node = cameFrom.get(start) as string; node !== start; node = cameFrom.get(node) as string) {
    cycle.unshift(node);
  }
  cycle.unshift(start);
  return cycle
    .map((node, position) => {
      const previous = cycle[position - 1];
      if (previous === undefined) return node;
      const typeOnly = edges
        .filter((edge) => edge.from === previous && edge.to === node)
        .every((edge) => edge.typeOnly);
      return `-> ${node}${typeOnly ? ' (type only)' : ''}`;
    })
    .join(' ');
}

/** The stage a lib/ module belongs to: its top-level folder, or the file itself for lib/index.ts and lib/pipeline.ts. */
function stageOf(module: string): string {
  return `lib/${module.split('/')[1]}`;
}

function stageImports(graph: ImportGraph): ModuleImport[] {
  return graph.imports
    .map((edge) => ({ from: stageOf(edge.from), to: stageOf(edge.to), typeOnly: edge.typeOnly }))
    .filter((edge) => edge.from !== edge.to);
}

const graph = buildImportGraph();

describe('the import graph of lib/', () => {
  it('is read from the real sources, type-only and dynamic imports included', () => {
    expect(graph.modules).toContain('lib/model/build.ts');
    expect(graph.imports).toContainEqual({
      from: 'lib/filter-policy/types.ts',
      to: 'lib/diagnostics/index.ts',
      typeOnly: true,
    });
    // synth loads each backend only for its target, with import().
    expect(graph.imports).toContainEqual({
      from: 'lib/cli/commands/synth.ts',
      to: 'lib/terraform/index.ts',
      typeOnly: false,
    });
  });

  it('finds and lists a cycle, marking its type-only edges', () => {
    const edges = [
      { from: 'a.ts', to: 'b.ts', typeOnly: false },
      { from: 'b.ts', to: 'c.ts', typeOnly: true },
      { from: 'c.ts', to: 'a.ts', typeOnly: false },
      { from: 'c.ts', to: 'd.ts', typeOnly: false },
    ];
    expect(findCycles(['a.ts', 'b.ts', 'c.ts', 'd.ts'], edges)).toEqual([
      'a.ts -> b.ts -> c.ts (type only) -> a.ts',
    ]);
    expect(findCycles(['a.ts', 'b.ts'], [{ from: 'a.ts', to: 'b.ts', typeOnly: false }])).toEqual([]);
  });

  it('has no cycle between modules', () => {
    expect(findCycles(graph.modules, graph.imports)).toEqual([]);
  });

  it('has no cycle between stages (the folders of lib/)', () => {
    const stages = [...new Set(graph.modules.map(stageOf))];
    expect(findCycles(stages, stageImports(graph))).toEqual([]);
  });
});

/** Stages a stage must not import: the pipeline runs request -> model -> views and backends -> cli. */
const FORBIDDEN_STAGES: Readonly<Record<string, readonly string[]>> = {
  'lib/request': ['lib/model'],
  'lib/model': ['lib/views', 'lib/cli', 'lib/terraform', 'lib/cloudformation', 'lib/checks'],
  'lib/views': ['lib/cli', 'lib/terraform', 'lib/cloudformation'],
  'lib/terraform': ['lib/cli', 'lib/views'],
  'lib/cloudformation': ['lib/cli', 'lib/views'],
};

describe('the pipeline direction', () => {
  it.each(Object.entries(FORBIDDEN_STAGES))('%s imports none of %j', (stage, forbidden) => {
    expect(graph.modules.some((module) => stageOf(module) === stage)).toBe(true);
    const violations = graph.imports
      .filter((edge) => stageOf(edge.from) === stage && forbidden.includes(stageOf(edge.to)))
      .map((edge) => `${edge.from} -> ${edge.to}`);
    expect(violations).toEqual([]);
  });

  // The lint rule below cannot see import() or require(); the graph does.
  it('loads cdktf only in lib/terraform and aws-cdk-lib only in lib/cloudformation, however it is loaded', () => {
    const misplaced = graph.packages
      .filter(
        ({ from, specifier }) =>
          (/^(cdktf|@cdktf\/[^/]+)(\/|$)/.test(specifier) && stageOf(from) !== 'lib/terraform') ||
          (/^aws-cdk-lib(\/|$)/.test(specifier) && stageOf(from) !== 'lib/cloudformation'),
      )
      .map(({ from, specifier }) => `${from} -> ${specifier}`);
    expect(misplaced).toEqual([]);
  });
});

const eslint = new ESLint({ cwd: REPO });

/** The specifiers of `imports` that no-restricted-imports reports in a file at `filePath`. */
async function restrictedImports(filePath: string, imports: readonly string[]): Promise<string[]> {
  const code = imports.map((specifier, line) => `import * as import${line} from '${specifier}';\n`).join('');
  const [result] = await eslint.lintText(code, { filePath: path.join(REPO, filePath) });
  if (!result) throw new Error(`eslint returned no result for ${filePath}`);
  expect(result.messages.filter((message) => message.fatal)).toEqual([]);
  // One import may break two restrictions (the provider index is also cdktf): each import counts once.
  const lines = new Set(
    result.messages
      .filter((message) => message.ruleId === 'no-restricted-imports')
      .map((message) => message.line),
  );
  return [...lines].map((line) => imports[line - 1] as string);
}

const ENGINES = ['cdktf', '@cdktf/provider-aws/lib/sqs-queue', 'aws-cdk-lib', 'aws-cdk-lib/aws-sqs'];
const PROVIDER_INDEXES = [
  '@cdktf/provider-aws',
  '@cdktf/provider-aws/lib',
  '@cdktf/provider-aws/lib/index.js',
];

describe('the lint rules that keep the boundaries', () => {
  it.each([
    'lib/model/probe.ts',
    'lib/model/rules/probe.ts',
    'lib/request/probe.ts',
    'lib/request/yaml/probe.ts',
    'lib/filter-policy/probe.ts',
    'lib/views/probe.ts',
    'lib/views/docs/probe.ts',
    'lib/diagnostics/probe.ts',
    'lib/units/probe.ts',
    'lib/probe.ts',
  ])('keep %s free of the engines, the backends and the CLI', async (filePath) => {
    const up = filePath.split('/').length === 2 ? './' : '../'.repeat(filePath.split('/').length - 2);
    const forbidden = [
      ...ENGINES,
      ...PROVIDER_INDEXES,
      `${up}cli`,
      `${up}cli/usage`,
      `${up}terraform`,
      `${up}cloudformation/index.js`,
    ];
    const allowed = [`${up}diagnostics`, `${up}units`, 'yaml', 'node:fs'];
    expect(await restrictedImports(filePath, [...forbidden, ...allowed])).toEqual(forbidden);
  });

  it('report type-only imports of an engine too', async () => {
    const [result] = await eslint.lintText("import type { App } from 'cdktf';\nexport type A = App;\n", {
      filePath: path.join(REPO, 'lib/model/probe.ts'),
    });
    expect(result?.messages.map((message) => message.ruleId)).toEqual(['no-restricted-imports']);
  });

  it('keep aws-cdk-lib out of lib/terraform, which may use cdktf by deep path', async () => {
    const imports = [
      'cdktf',
      '@cdktf/provider-aws/lib/sqs-queue',
      'aws-cdk-lib/aws-sqs',
      ...PROVIDER_INDEXES,
    ];
    expect(await restrictedImports('lib/terraform/probe.ts', imports)).toEqual([
      'aws-cdk-lib/aws-sqs',
      ...PROVIDER_INDEXES,
    ]);
  });

  it('keep cdktf out of lib/cloudformation, which may use aws-cdk-lib', async () => {
    const imports = ['aws-cdk-lib', 'aws-cdk-lib/aws-sqs', 'cdktf', '@cdktf/provider-aws/lib/sqs-queue'];
    expect(await restrictedImports('lib/cloudformation/probe.ts', imports)).toEqual([
      'cdktf',
      '@cdktf/provider-aws/lib/sqs-queue',
    ]);
  });

  it.each(['lib/cli/probe.ts', 'lib/cli/commands/probe.ts', 'lib/checks/probe.ts'])(
    'keep the engines out of %s',
    async (filePath) => {
      expect(await restrictedImports(filePath, [...ENGINES, '../model'])).toEqual(ENGINES);
    },
  );

  it.each(['test/probe.test.ts', 'test/terraform/probe.test.ts', 'scripts/probe.ts', 'bench/probe.ts'])(
    'let %s use the engines, but never the provider index',
    async (filePath) => {
      expect(await restrictedImports(filePath, [...ENGINES, ...PROVIDER_INDEXES])).toEqual(PROVIDER_INDEXES);
    },
  );

  // The real tree is linted by `npm run lint` (part of npm test), and the import graph above
  // checks that only the backends load the engines; linting it again here would double the cost.
});
