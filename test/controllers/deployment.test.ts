/**
 * A rolling update of 4 nginx replicas with a readiness probe every 2 s (traces/rolling-update):
 * maxSurge 25% of 4 → 1 (rounded up), maxUnavailable 25% of 4 → 1 (rounded down).
 */
import { describe, expect, it } from 'vitest';
import { cli, examplePath, runFiles } from '../helpers/run.js';
import { computeHash } from '../../src/controllers/deploymentUtil.js';

const run = runFiles([examplePath('rolling-update')]);
const scaling = run.events.flatMap((e) =>
  (e.notes ?? [])
    .filter((n) => n.reason === 'ScalingReplicaSet')
    .map((n) => `${e.at / 1000}s ${n.message}`),
);
const [oldRS, newRS] = ['web-5c8675cb75', 'web-b68cb76bd'];

describe('rolling update web: nginx 1.20.1 → 1.20.2', () => {
  it('names ReplicaSets <deployment>-<pod-template-hash>', () => {
    const d = run.state.objects.get('Deployment/default/web')!.object as {
      spec: { template: object };
    };
    // After the undo the Deployment's template is nginx:1.20.1's again, whose ReplicaSet it names.
    expect(oldRS).toBe(`web-${computeHash(d.spec.template as never)}`);
    const rs = run.state.objects.get(`ReplicaSet/default/${newRS}`)!.object as {
      metadata: { labels: Record<string, string>; annotations: Record<string, string> };
      spec: { selector: { matchLabels: Record<string, string> } };
    };
    expect(rs.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': 'b68cb76bd' });
    expect(rs.spec.selector.matchLabels).toEqual({ app: 'web', 'pod-template-hash': 'b68cb76bd' });
    expect(rs.metadata.annotations).toMatchObject({
      'deployment.kubernetes.io/revision': '2',
      'deployment.kubernetes.io/desired-replicas': '4',
      'deployment.kubernetes.io/max-replicas': '5',
    });
  });

  it('scales the ReplicaSets in the steps rolling.go allows', () => {
    // 60 s: the new RS is created with 5 − 4 = 1; in the same sync reconcileOldReplicaSets may
    // scale down allPods 5 − minAvailable 3 − new unavailable 1 = 1 (4 old are available).
    // The next sync scales the new RS to 2 (total 4 < 5). Its pods start at 61 s and are ready at
    // the probe tick of 62 s: 5 available − 3 = 2 old removed, then the new RS takes the room to
    // 4. Those are ready at 64 s and the last old replica goes.
    expect(scaling).toEqual([
      `0s Scaled up replica set ${oldRS} from 0 to 4`,
      `60s Scaled up replica set ${newRS} from 0 to 1`,
      `60s Scaled down replica set ${oldRS} from 4 to 3`,
      `60s Scaled up replica set ${newRS} from 1 to 2`,
      `62s Scaled down replica set ${oldRS} from 3 to 1`,
      `62s Scaled up replica set ${newRS} from 2 to 4`,
      `64s Scaled down replica set ${oldRS} from 1 to 0`,
      // rollout undo at 120 s: the old ReplicaSet is the new one again, in the same steps.
      `120s Scaled up replica set ${oldRS} from 0 to 1`,
      `120s Scaled down replica set ${newRS} from 4 to 3`,
      `120s Scaled up replica set ${oldRS} from 1 to 2`,
      `122s Scaled down replica set ${newRS} from 3 to 1`,
      `122s Scaled up replica set ${oldRS} from 2 to 4`,
      `124s Scaled down replica set ${newRS} from 1 to 0`,
    ]);
  });

  it('gives the rolled-back ReplicaSet the next revision and remembers its old one', () => {
    const ann = (name: string): Record<string, string> =>
      (
        run.state.objects.get(`ReplicaSet/default/${name}`)!.object as {
          metadata: { annotations: Record<string, string> };
        }
      ).metadata.annotations;
    expect(ann(oldRS)['deployment.kubernetes.io/revision']).toBe('3');
    expect(ann(oldRS)['deployment.kubernetes.io/revision-history']).toBe('1');
    expect(ann(newRS)['deployment.kubernetes.io/revision']).toBe('2');
  });

  it('ends complete, with revision 3 and the conditions the controller writes', () => {
    const d = run.state.objects.get('Deployment/default/web')!.object as {
      metadata: { annotations: Record<string, string> };
      status: { conditions: Array<Record<string, string>>; updatedReplicas: number };
    };
    expect(d.metadata.annotations['deployment.kubernetes.io/revision']).toBe('3');
    expect(d.status.updatedReplicas).toBe(4);
    expect(d.status.conditions.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'],
      [
        'Progressing',
        'True',
        'NewReplicaSetAvailable',
        `ReplicaSet "${oldRS}" has successfully progressed.`,
      ],
    ]);
  });

  it('prints get deploy / rs / endpoints as kubectl would mid-rollout', async () => {
    // 61 s: old RS at 3 (all ready), new RS at 2 (running, not yet ready).
    const at = ['--at', '61s'];
    const deploy = await cli(['get', 'deploy', examplePath('rolling-update'), ...at]);
    expect(deploy.out).toBe(
      'NAME   READY   UP-TO-DATE   AVAILABLE   AGE\nweb    3/4     2            3           61s\n',
    );
    const rs = await cli(['get', 'rs', examplePath('rolling-update'), ...at]);
    expect(rs.out).toBe(
      [
        'NAME             DESIRED   CURRENT   READY   AGE',
        `${oldRS}   3         3         3       61s`,
        `${newRS}    2         2         0       1s`,
        '',
      ].join('\n'),
    );
    const ep = await cli(['get', 'endpoints', examplePath('rolling-update'), ...at]);
    expect(ep.out).toBe(
      'NAME   ENDPOINTS                                   AGE\nweb    10.244.0.3:80,10.244.0.4:80,10.244.0.5:80   61s\n',
    );
  });
});

describe('deployment.yaml: a pod deleted by hand', () => {
  const r = runFiles([examplePath('deployment-delete-pod')]);
  it('is replaced by its ReplicaSet at the instant of the deletion', () => {
    const creates = r.events.filter((e) => e.type === 'pod/created').map((e) => [e.at, e.object]);
    expect(creates).toEqual([
      [0, 'Pod/default/nginx-deployment-669f76f447-jcbpc'],
      [0, 'Pod/default/nginx-deployment-669f76f447-x77rj'],
      [60_000, 'Pod/default/nginx-deployment-669f76f447-ggmdq'],
    ]);
  });
});
