import { partitionOf } from '../naming';
import type { Queue, Topic } from '../types';
import type { Rule } from './rule';
import { at } from './rule';
import { PRINCIPAL_ARN, writtenPrincipals } from './principals';

/**
 * IAM principals live in one partition (aws, aws-cn, aws-us-gov) and resource policies accept
 * principals of their own partition only (AWS General Reference, "Amazon Resource Names":
 * partitions are isolated from each other). A role of another partition than every region the
 * resource exists in would be written into a policy AWS rejects, or grant nothing.
 */
export const principalPartition: Rule = {
  code: 'principal-partition',
  severity: 'error',
  summary:
    "A publisher's or consumer's partition (aws, aws-cn, aws-us-gov) is that of its resource's regions.",
  source: 'AWS General Reference, "Amazon Resource Names (ARNs)": partition',
  *check(context) {
    const regions = new Map(
      context.model.platform.environments.map((environment) => [environment.name, environment.region]),
    );
    // A resource lists several principals: its partitions are worked out once.
    const partitionsOf = new Map<Topic | Queue, string[]>();
    for (const { arn, origin, team, kind, name } of writtenPrincipals(context)) {
      const partition = PRINCIPAL_ARN.exec(arn)?.[1];
      const owner = context.teamsByName.get(team);
      const resource = (kind === 'topic' ? owner?.topics : owner?.queues)?.find(
        (entry) => entry.key.name === name,
      );
      if (partition === undefined || !resource) continue;
      let partitions = partitionsOf.get(resource);
      if (partitions === undefined) {
        partitions = [
          ...new Set(resource.environments.map((environment) => partitionOf(regions.get(environment) ?? ''))),
        ];
        partitionsOf.set(resource, partitions);
      }
      if (partitions.length === 0 || partitions.includes(partition)) continue;
      yield {
        ...at(origin),
        message: `"${arn}" is a principal of partition ${partition}, but ${kind} "${team}/${name}" is in partition ${partitions.join(' and ')} (regions of ${resource.environments.join(', ')}): AWS does not accept principals across partitions`,
        hint: `name a role of the ${partitions.join(' or ')} partition (arn:${partitions[0]}:iam::...)`,
      };
    }
  },
};
