/** Virtual times printed the way kubectl prints ages (HumanDuration), e.g. 75s, 4m7s, 2h. */
import { humanDuration } from '../views/index.js';

export const formatAge: (ms: number) => string = humanDuration;
