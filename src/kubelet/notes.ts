/** Kubernetes Event notes as the kubelet records them (pkg/kubelet/events/event.go reasons). */
import type { KubeEventNote } from '../events/createEvent.js';

export const kubeletNote = (
  type: 'Normal' | 'Warning',
  reason: string,
  message: string,
): KubeEventNote => ({
  type,
  reason,
  message,
  from: 'kubelet',
});
