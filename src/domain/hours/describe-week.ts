import type { DateTime } from 'luxon';
import type { Settings } from '../settings.js';
export interface DescribeWeekOptions { locale: string; otherZone?: string; at?: DateTime }
export function describeWeek(_s: Settings, _o: DescribeWeekOptions): string { throw new Error('not implemented yet'); }
