/**
 * `podsim describe deploy|rs|rc`: kubectl's describeDeployment, describeReplicaSet,
 * describeReplicationController and DescribePodTemplate over the bundled rolling update and
 * ReplicationController traces.
 */
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/run.js';
import { describeReplicaSet } from '../../src/views/index.js';

const ROLLING = 'traces/rolling-update/trace.jsonl';

describe('podsim describe deployment', () => {
  it('prints the stored status, strategy, template, conditions, ReplicaSets and Events', async () => {
    const r = await cli(['describe', 'deploy', 'web', ROLLING, '--at', '100s']);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    // The stored status of the instant: the first rollout (to nginx:1.20.2) is done.
    expect(lines).toContain(
      'Replicas:               4 desired | 4 updated | 4 total | 4 available | 0 unavailable',
    );
    expect(lines).toContain('RollingUpdateStrategy:  25% max unavailable, 25% max surge');
    expect(lines).toContain('Annotations:            deployment.kubernetes.io/revision: 2');
    // The template block: the container's name one space in, its fields two levels in, aligned
    // with the template's own Volumes, Node-Selectors and Tolerations lines.
    const template = lines.slice(lines.indexOf('Pod Template:'), lines.indexOf('Conditions:'));
    expect(template).toEqual([
      'Pod Template:',
      '  Labels:  app=web',
      '  Containers:',
      '   nginx:',
      '    Image:         nginx:1.20.2',
      '    Port:          80/TCP',
      '    Host Port:     0/TCP',
      '    Readiness:     http-get http://:80/ delay=0s timeout=1s period=2s #success=1 #failure=3',
      '    Environment:   <none>',
      '    Mounts:        <none>',
      '  Volumes:         <none>',
      '  Node-Selectors:  <none>',
      '  Tolerations:     <none>',
    ]);
    expect(lines).toContain('  Available      True    MinimumReplicasAvailable');
    expect(lines).toContain('OldReplicaSets:  web-5c8675cb75 (0/0 replicas created)');
    expect(lines).toContain('NewReplicaSet:   web-b68cb76bd (4/4 replicas created)');
    expect(r.out).toMatch(
      /Normal {2}ScalingReplicaSet {2}\S+ +deployment-controller {2}Scaled up replica set web-b68cb76bd from 0 to 1\n/,
    );
  });

  it('says NotFound as kubectl does, and exits 1', async () => {
    const r = await cli(['describe', 'deployment', 'nope', ROLLING]);
    expect(r.code).toBe(1);
    expect(r.err).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
  });
});

describe('podsim describe rs and rc', () => {
  it('counts the ReplicaSet pods by phase and names its controller', async () => {
    const r = await cli(['describe', 'rs', 'web-b68cb76bd', ROLLING, '--at', '100s']);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines).toContain('Selector:       app=web,pod-template-hash=b68cb76bd');
    expect(lines).toContain('Controlled By:  Deployment/web');
    expect(lines).toContain('Replicas:       4 current / 4 desired');
    expect(lines).toContain('Pods Status:    4 Running / 0 Waiting / 0 Succeeded / 0 Failed');
    expect(r.out).toMatch(
      /SuccessfulCreate .* replicaset-controller {2}Created pod: web-b68cb76bd-/,
    );
  });

  it('prints a ReplicationController with its map selector and no controller line', async () => {
    const r = await cli(['describe', 'rc', 'my-nginx', 'traces/nginx-rc/trace.jsonl']);
    expect(r.code).toBe(0);
    expect(r.out.split('\n').slice(0, 7)).toEqual([
      'Name:         my-nginx',
      'Namespace:    default',
      'Selector:     app=nginx',
      'Labels:       app=nginx',
      'Annotations:  <none>',
      'Replicas:     1 current / 1 desired',
      'Pods Status:  1 Running / 0 Waiting / 0 Succeeded / 0 Failed',
    ]);
    expect(r.out).not.toContain('Controlled By');
  });

  it('prints a template field reference without a value (kubectl has no resolver there)', () => {
    const text = describeReplicaSet(
      'ReplicaSet',
      {
        metadata: { name: 'r', namespace: 'default' },
        spec: {
          selector: { matchLabels: { a: 'b' } },
          template: {
            metadata: { labels: { a: 'b' } },
            spec: {
              containers: [
                {
                  name: 'c',
                  image: 'busybox',
                  env: [{ name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
                },
              ],
              volumes: [{ name: 'data', emptyDir: {} }],
            },
          },
        },
      },
      { current: 0, desired: 1, running: 0, waiting: 0, succeeded: 0, failed: 0 },
      null,
      '2025-01-01T00:00:00Z',
    );
    expect(text).toContain('      POD:    (v1:metadata.name)\n');
    expect(text).toContain('  Volumes:\n   data:\n');
    expect(text).not.toContain('Events:');
  });
});
