import type * as Yaml from 'yaml';

let loaded: typeof Yaml | undefined;

/**
 * The yaml package, loaded the first time something reads with it: a file outside the plain
 * subset (see plain-subset.ts), or the AST and line index a diagnostic's position comes from.
 * Loading it takes some 50 ms of CPU, more than reading a hundred files of the plain subset.
 */
export function yamlLibrary(): typeof Yaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not with this module
  loaded ??= require('yaml') as typeof Yaml;
  return loaded;
}

// yaml's node tests, for the modules that walk its AST: a module that imports them loads no yaml.
export const isAlias = (node: unknown): node is Yaml.Alias => yamlLibrary().isAlias(node);
export const isCollection = <K = unknown, V = unknown>(
  node: unknown,
): node is Yaml.YAMLMap<K, V> | Yaml.YAMLSeq<V> => yamlLibrary().isCollection<K, V>(node);
export const isMap = <K = unknown, V = unknown>(node: unknown): node is Yaml.YAMLMap<K, V> =>
  yamlLibrary().isMap<K, V>(node);
export const isScalar = <T = unknown>(node: unknown): node is Yaml.Scalar<T> =>
  yamlLibrary().isScalar<T>(node);
export const isSeq = <T = unknown>(node: unknown): node is Yaml.YAMLSeq<T> => yamlLibrary().isSeq<T>(node);
