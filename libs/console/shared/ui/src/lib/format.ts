import { Pipe, type PipeTransform } from '@angular/core';

/** "3 min ago", "in 2 h"; exact time stays available in a title attribute at the call site. */
export function relativeTime(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) {
    return '—';
  }
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'short' });
  const abs = Math.abs(seconds);
  if (abs < 60) {
    return format.format(seconds, 'second');
  }
  if (abs < 3600) {
    return format.format(Math.round(seconds / 60), 'minute');
  }
  if (abs < 86_400) {
    return format.format(Math.round(seconds / 3600), 'hour');
  }
  return format.format(Math.round(seconds / 86_400), 'day');
}

/** 3725 → "1 h 2 min". */
export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) {
    return '—';
  }
  const s = Math.max(0, Math.round(seconds));
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  if (days > 0) {
    return `${days} d ${hours} h`;
  }
  if (hours > 0) {
    return `${hours} h ${minutes} min`;
  }
  return minutes > 0 ? `${minutes} min ${s % 60} s` : `${s} s`;
}

@Pipe({ name: 'relativeTime' })
export class RelativeTimePipe implements PipeTransform {
  transform(value: string | null | undefined): string {
    return relativeTime(value);
  }
}

@Pipe({ name: 'duration' })
export class DurationPipe implements PipeTransform {
  transform(value: number | null | undefined): string {
    return duration(value);
  }
}
