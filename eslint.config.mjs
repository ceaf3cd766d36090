import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

/*
 * Import boundaries. ESLint replaces a rule's options when a later config object matches the same
 * file instead of merging them, so every object below lists all the restrictions of its files.
 * Type-only imports are restricted too: a type from an engine still ties the module to it.
 */
const PROVIDER_INDEX = {
  regex: '^@cdktf/provider-aws(/lib)?(/index(\\.js)?)?$',
  message: 'Import by deep path (@cdktf/provider-aws/lib/<resource>): the index takes seconds to load.',
};
const CDKTF = {
  regex: '^(cdktf|@cdktf/[^/]+)(/.*)?$',
  message: 'cdktf belongs in lib/terraform: the other stages must load without it.',
};
const AWS_CDK_LIB = {
  regex: '^aws-cdk-lib(/.*)?$',
  message: 'aws-cdk-lib belongs in lib/cloudformation: the other stages must load without it.',
};
const CLI = {
  regex: '^\\.\\.?/(.*/)?cli(/.*)?$',
  message: 'lib/cli is the last stage: nothing the CLI runs may depend on it.',
};
const BACKENDS = {
  regex: '^\\.\\.?/(.*/)?(terraform|cloudformation)(/.*)?$',
  message: 'lib/terraform and lib/cloudformation load their engine: the neutral stages must not import them.',
};

/** The stages every backend and the CLI build on: free of both engines, the backends and the CLI. */
const NEUTRAL = [
  'lib/*.ts',
  'lib/model/**',
  'lib/request/**',
  'lib/filter-policy/**',
  'lib/views/**',
  'lib/diagnostics/**',
  'lib/units/**',
];

const restrictImports = (files, patterns) => ({
  ...(files === undefined ? {} : { files }),
  rules: { 'no-restricted-imports': ['error', { patterns: [PROVIDER_INDEX, ...patterns] }] },
});

export default tseslint.config(
  {
    ignores: ['dist/', 'node_modules/', 'cdktf.out/', 'cdk.out/', 'coverage/', 'lib/request/*.generated.ts'],
  },
  eslint.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  // Tests, scripts, the bench and the examples use the constructs as a library: only the index is out.
  restrictImports(undefined, []),
  // A new folder of lib/ starts engine-free; the backends below are the exceptions.
  restrictImports(['lib/**'], [CDKTF, AWS_CDK_LIB]),
  restrictImports(['lib/terraform/**'], [AWS_CDK_LIB]),
  restrictImports(['lib/cloudformation/**'], [CDKTF]),
  restrictImports(NEUTRAL, [CDKTF, AWS_CDK_LIB, CLI, BACKENDS]),
);
