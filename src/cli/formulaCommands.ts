// `kexue compute schedule …` and `kexue compute rope …`: closed-form tables from the posts.
import { ROPE_METHODS, type RopeMethod } from '../core/numerics/rope';
import { SCHEDULE_KINDS, type ScheduleKind } from '../core/numerics/schedules';
import type { RopeResponse, ScheduleResponse } from '../core/protocol/compute';
import { backendOf, optionalPositive, positiveInteger, round, UsageError, computeJob, type ParsedArgs } from './computeSupport';
import { englishText } from '../core/l10n/localizable';

export async function scheduleCommand({ flags, switches }: ParsedArgs): Promise<number> {
  const kind = flags.get('kind') ?? 'linear';
  if (!(SCHEDULE_KINDS as readonly string[]).includes(kind)) throw new UsageError(`--kind must be linear or cosine, got "${kind}"`);
  const steps = positiveInteger(flags, 'steps');
  if (steps === undefined) throw new UsageError('--steps T is required');
  const ddim = positiveInteger(flags, 'ddim');
  const response = await computeJob({ type: 'schedule', kind: kind as ScheduleKind, steps, ddim, backend: backendOf(flags) });
  process.stdout.write(switches.has('json') ? `${JSON.stringify(scheduleJson(response))}\n` : scheduleText(response));
  return 0;
}

export function scheduleJson(r: ScheduleResponse) {
  return {
    backend: r.backend,
    kind: r.kind,
    steps: r.beta.length,
    beta: Array.from(r.beta),
    alphaBar: Array.from(r.alphaBar),
    snr: Array.from(r.snr),
    ...(r.ddim ? { ddim: r.ddim } : {}),
    ms: round(r.timings.totalMs),
    notes: r.notes.map(englishText),
  };
}

function scheduleText(r: ScheduleResponse): string {
  const T = r.beta.length;
  const rows = [0, 1, Math.floor(T / 4), Math.floor(T / 2), Math.floor((3 * T) / 4), T - 1].filter((t, i, all) => t < T && all.indexOf(t) === i);
  const lines = [`${r.kind} schedule, T = ${T}`, 't\tβ_t\tᾱ_t\tSNR_t', ...rows.map((t) => `${t}\t${r.beta[t].toPrecision(6)}\t${r.alphaBar[t].toPrecision(6)}\t${r.snr[t].toPrecision(6)}`)];
  if (r.ddim) lines.push(`DDIM S = ${r.ddim.length}: τ = ${r.ddim.map((d) => d.t).join(' ')}`);
  lines.push(...r.notes.map(englishText), `${round(r.timings.totalMs)} ms`);
  return `${lines.join('\n')}\n`;
}

export async function ropeCommand({ flags, switches }: ParsedArgs): Promise<number> {
  const dim = positiveInteger(flags, 'dim');
  if (dim === undefined) throw new UsageError('--dim D is required');
  const base = optionalPositive(flags, 'base') ?? 10000;
  const scale = optionalPositive(flags, 'scale');
  const method = flags.get('method');
  if (method !== undefined && !(ROPE_METHODS as readonly string[]).includes(method)) throw new UsageError(`--method must be pi, ntk or yarn, got "${method}"`);
  const trainedLength = positiveInteger(flags, 'trained');
  const response = await computeJob({ type: 'rope', dim, base, scale, method: method as RopeMethod | undefined, trainedLength, backend: backendOf(flags) });
  process.stdout.write(switches.has('json') ? `${JSON.stringify(ropeJson(response))}\n` : ropeText(response));
  return 0;
}

export function ropeJson(r: RopeResponse) {
  const ext = r.extension;
  return {
    backend: r.backend,
    dim: r.dim,
    base: r.base,
    beta: r.beta,
    theta: Array.from(r.theta),
    trainedLength: r.trainedLength,
    ...(ext
      ? { extension: { method: ext.method, scale: ext.scale, base: ext.base, beta: ext.beta, theta: Array.from(ext.theta), ...(ext.ramp ? { ramp: Array.from(ext.ramp) } : {}), ...(ext.attentionFactor !== undefined ? { attentionFactor: ext.attentionFactor } : {}) } }
      : {}),
    decay: { distance: Array.from(r.distances), bound: Array.from(r.decay), ...(r.decayExtended ? { extended: Array.from(r.decayExtended) } : {}) },
    ms: round(r.timings.totalMs),
    notes: r.notes.map(englishText),
  };
}

function ropeText(r: RopeResponse): string {
  const th = Array.from(r.theta);
  const lines = [`RoPE d = ${r.dim}, b = ${r.base}: θ_i = b^(−2i/d), β = b^(2/d) = ${r.beta.toPrecision(6)}`, `θ (first 4, last): ${th.slice(0, 4).map((v) => v.toPrecision(4)).join(' ')} … ${th[th.length - 1].toPrecision(4)}`];
  if (r.extension) lines.push(`${r.extension.method} ×${r.extension.scale}: b′ = ${r.extension.base.toPrecision(6)}, β′ = ${r.extension.beta.toPrecision(6)}${r.extension.attentionFactor !== undefined ? `, attention factor ${r.extension.attentionFactor.toPrecision(4)}` : ''}`);
  lines.push(`decay bound at m = 0, ${r.distances[Math.floor(r.distances.length / 2)]}, ${r.distances[r.distances.length - 1]}: ${[0, Math.floor(r.distances.length / 2), r.distances.length - 1].map((i) => r.decay[i].toPrecision(4)).join(', ')}`);
  lines.push(...r.notes.map(englishText), `${round(r.timings.totalMs)} ms`);
  return `${lines.join('\n')}\n`;
}
