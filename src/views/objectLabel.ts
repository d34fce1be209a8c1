/**
 * How podsim's text output names an object, the way kubectl refers to one: lower-case short kind,
 * the default namespace dropped and any other kept (`pod/web`, `pod/kube-system/dns`, `svc/web`,
 * `node/n1`). Other kinds print as they are keyed in state (`Deployment/default/web`).
 */

const SHORT_KINDS: ReadonlyMap<string, string> = new Map([
  ['Pod', 'pod'],
  ['Service', 'svc'],
]);

/** The label of an object keyed as in state: `Kind/namespace/name`, or `Node/name`. */
export function objectLabel(object: string): string {
  if (object.startsWith('Node/')) return `node/${object.slice('Node/'.length)}`;
  const m = /^([A-Za-z]+)\/([^/]+)\/(.+)$/.exec(object);
  const kind = m ? SHORT_KINDS.get(m[1]!) : undefined;
  if (!m || kind === undefined) return object;
  return m[2] === 'default' ? `${kind}/${m[3]}` : `${kind}/${m[2]}/${m[3]}`;
}

/** The label of a pod keyed `namespace/name` (state's pod key). */
export const podLabel = (key: string): string => objectLabel(`Pod/${key}`);
