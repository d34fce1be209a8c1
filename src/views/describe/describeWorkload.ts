/**
 * `kubectl describe deployment|replicaset|replicationcontroller`. Mirrors
 * staging/src/k8s.io/kubectl/pkg/describe/describe.go describeDeployment (with
 * printReplicaSetsByLabels), describeReplicaSet, describeReplicationController and
 * DescribePodTemplate, read at kubernetes master on 2026-11-21 (the template section ends with
 * its Node-Selectors and Tolerations).
 */
import type { Event, PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import { parseNow } from '../duration.js';
import { formatRfc1123z, parseApiTime } from '../goTime.js';
import { describeContainers } from './containers.js';
import { describeEvents } from './events.js';
import {
  describeTopologySpreadConstraints,
  formatLabelSelector,
  printAnnotationsMultiline,
  printLabelsMultiline,
  printTolerationsMultiline,
} from './multiline.js';
import { LEVEL_0, LEVEL_1, PrefixWriter } from './prefixWriter.js';
import { describeVolumes } from './volumes.js';

interface Meta {
  name?: string;
  namespace?: string;
  creationTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: { kind: string; name: string; controller?: boolean }[];
}

interface StatusCondition {
  type: string;
  status: string;
  reason?: string;
}

/** What a ReplicaSet's or ReplicationController's describer reads besides the object. */
export interface ReplicaSetView {
  /** status.replicas and spec.replicas. */
  current: number;
  desired: number;
  /** getPodStatusForController: the pods it controls, by phase. */
  running: number;
  waiting: number;
  succeeded: number;
  failed: number;
}

/** A ReplicaSet as printReplicaSetsByLabels shows it: `name (status/spec replicas created)`. */
export interface ReplicaSetSummary {
  name: string;
  current: number;
  desired: number;
}

/** DescribePodTemplate. */
function describePodTemplate(w: PrefixWriter, template: PodTemplateSpec | undefined): void {
  w.write(LEVEL_0, 'Pod Template:\n');
  if (template == null) {
    w.write(LEVEL_1, '<unset>');
    return;
  }
  const spec = template.spec ?? { containers: [] };
  printLabelsMultiline(w, '  Labels', template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length > 0) {
    printAnnotationsMultiline(w, '  Annotations', template.metadata?.annotations);
  }
  if (spec.serviceAccountName) w.write(LEVEL_1, `Service Account:\t${spec.serviceAccountName}\n`);
  if ((spec.initContainers ?? []).length > 0) {
    describeContainers(w, null, 'Init Containers', spec.initContainers!, [], '  ');
  }
  describeContainers(w, null, 'Containers', spec.containers ?? [], [], '  ');
  describeVolumes(w, spec.volumes, '  ');
  describeTopologySpreadConstraints(w, spec.topologySpreadConstraints, '  ');
  if (spec.priorityClassName) w.write(LEVEL_1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabelsMultiline(w, '  Node-Selectors', spec.nodeSelector);
  printTolerationsMultiline(w, '  Tolerations', spec.tolerations);
}

function describeConditions(w: PrefixWriter, conditions: readonly StatusCondition[]): void {
  if (conditions.length === 0) return;
  w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
  w.write(LEVEL_1, '----\t------\t------\n');
  for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
}

/** printController: `Kind/name` of the owner reference marked controller. */
export function controlledBy(meta: Meta): string {
  const ref = meta.ownerReferences?.find((r) => r.controller === true);
  return ref ? `${ref.kind}/${ref.name}` : '';
}

/** printReplicaSetsByLabels. */
function replicaSetList(sets: readonly ReplicaSetSummary[]): string {
  const list = sets.map((rs) => `${rs.name} (${rs.current}/${rs.desired} replicas created)`);
  return list.length === 0 ? '<none>' : list.join(', ');
}

/** intstr's String(): the number or the percentage text as written. */
const intOrString = (v: number | string | undefined): string => String(v ?? '');

/**
 * `kubectl describe deployment` for `d` (the stored object, status included). `oldSets` and `newSet`
 * are deploymentutil.GetAllReplicaSets' old and new ReplicaSets; `events` null for
 * `--show-events=false`.
 */
export function describeDeployment(
  d: {
    metadata?: Meta;
    spec?: {
      replicas?: number;
      selector?: LabelSelector;
      minReadySeconds?: number;
      strategy?: {
        type?: string;
        rollingUpdate?: { maxSurge?: number | string; maxUnavailable?: number | string };
      };
      template?: PodTemplateSpec;
    };
    status?: {
      replicas?: number;
      updatedReplicas?: number;
      availableReplicas?: number;
      unavailableReplicas?: number;
      conditions?: StatusCondition[];
    };
  },
  oldSets: readonly ReplicaSetSummary[],
  newSet: ReplicaSetSummary | undefined,
  events: readonly Event[] | null,
  now: string,
): string {
  const w = new PrefixWriter();
  const meta = d.metadata ?? {};
  const spec = d.spec ?? {};
  const status = d.status ?? {};
  w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${meta.namespace ?? ''}\n`);
  w.write(LEVEL_0, `CreationTimestamp:\t${formatRfc1123z(parseApiTime(meta.creationTimestamp))}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  // LabelSelectorAsSelector(...).String(): an empty selector prints as nothing.
  const selector = formatLabelSelector(spec.selector ?? {});
  w.write(LEVEL_0, `Selector:\t${selector === '<none>' ? '' : selector}\n`);
  w.write(
    LEVEL_0,
    `Replicas:\t${spec.replicas ?? 1} desired | ${status.updatedReplicas ?? 0} updated | ` +
      `${status.replicas ?? 0} total | ${status.availableReplicas ?? 0} available | ` +
      `${status.unavailableReplicas ?? 0} unavailable\n`,
  );
  w.write(LEVEL_0, `StrategyType:\t${spec.strategy?.type ?? ''}\n`);
  w.write(LEVEL_0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}\n`);
  const ru = spec.strategy?.rollingUpdate;
  if (ru != null) {
    w.write(
      LEVEL_0,
      `RollingUpdateStrategy:\t${intOrString(ru.maxUnavailable)} max unavailable, ` +
        `${intOrString(ru.maxSurge)} max surge\n`,
    );
  }
  describePodTemplate(w, spec.template);
  describeConditions(w, status.conditions ?? []);
  if (oldSets.length > 0 || newSet !== undefined) {
    w.write(LEVEL_0, `OldReplicaSets:\t${replicaSetList(oldSets)}\n`);
    w.write(LEVEL_0, `NewReplicaSet:\t${replicaSetList(newSet ? [newSet] : [])}\n`);
  }
  if (events !== null) describeEvents(w, events, parseNow(now));
  return w.toString();
}

/** `kubectl describe rs` (kind ReplicaSet) or `kubectl describe rc` (ReplicationController). */
export function describeReplicaSet(
  kind: 'ReplicaSet' | 'ReplicationController',
  o: {
    metadata?: Meta;
    spec?: {
      selector?: LabelSelector | Record<string, string>;
      template?: PodTemplateSpec;
    };
    status?: { conditions?: StatusCondition[] };
  },
  view: ReplicaSetView,
  events: readonly Event[] | null,
  now: string,
): string {
  const w = new PrefixWriter();
  const meta = o.metadata ?? {};
  w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${meta.namespace ?? ''}\n`);
  if (kind === 'ReplicaSet') {
    w.write(
      LEVEL_0,
      `Selector:\t${formatLabelSelector((o.spec?.selector ?? {}) as LabelSelector)}\n`,
    );
  } else {
    // labels.FormatLabels of the map: the selector's own text for matchLabels alone.
    const sel = (o.spec?.selector ?? {}) as Record<string, string>;
    w.write(LEVEL_0, `Selector:\t${formatLabelSelector({ matchLabels: sel })}\n`);
  }
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  const owner = kind === 'ReplicaSet' ? controlledBy(meta) : '';
  if (owner) w.write(LEVEL_0, `Controlled By:\t${owner}\n`);
  w.write(LEVEL_0, `Replicas:\t${view.current} current / ${view.desired} desired\n`);
  w.write(
    LEVEL_0,
    `Pods Status:\t${view.running} Running / ${view.waiting} Waiting / ` +
      `${view.succeeded} Succeeded / ${view.failed} Failed\n`,
  );
  describePodTemplate(w, o.spec?.template);
  describeConditions(w, o.status?.conditions ?? []);
  if (events !== null) describeEvents(w, events, parseNow(now));
  return w.toString();
}
