/**
 * Kubernetes manifest loading: the kinds podsim simulates, decoded, defaulted and validated as the
 * API server (v1.31) would, with every error located at its file, line and column.
 */
export { loadManifestDocs, DEFAULT_NODE_PORT_RANGE, podName, redefinedPod } from './load.js';
export type { LoadedObject } from './load.js';
export { MANIFEST_KINDS } from './kinds.js';
export type { KindObjects, ManifestKind, ManifestObject, ManifestOptions } from './kinds.js';
export { defaultPodSpec } from './podDefaults.js';
export { parseQuantity, parseQuantityStrict, formatQuantity } from './quantity.js';
export type { Quantity, QuantityFormat } from './quantity.js';
export { normaliseImage, defaultPullPolicy } from './image.js';
export type { NormalisedImage } from './image.js';
