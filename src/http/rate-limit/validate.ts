import { ValidationError, type ValidationIssue } from '../../core/errors/validation-error.js';
import type { RateLimitPlan, RateLimitSpec } from './spec.js';

const positive = (value: unknown) => typeof value === 'number' && Number.isFinite(value) && value > 0;

function checkSpec(spec: RateLimitSpec, path: (string | number)[], issues: ValidationIssue[]): void {
  const need = (field: string, value: unknown) => {
    if (!positive(value)) issues.push({ path: [...path, field], message: 'Expected a positive finite number.' });
  };
  switch (spec.kind) {
    case 'token-bucket':
      need('ratePerSecond', spec.ratePerSecond);
      need('burst', spec.burst);
      return;
    case 'leaky-bucket':
      need('capacity', spec.capacity);
      need('leakPerSecond', spec.leakPerSecond);
      return;
    case 'cost-bucket':
      need('capacity', spec.capacity);
      need('restorePerSecond', spec.restorePerSecond);
      if (spec.defaultCost !== undefined) need('defaultCost', spec.defaultCost);
      if (
        spec.headroom !== undefined &&
        !(typeof spec.headroom === 'number' && spec.headroom >= 0 && spec.headroom <= 0.5)
      ) {
        issues.push({ path: [...path, 'headroom'], message: 'Expected a share of the capacity between 0 and 0.5.' });
      }
      return;
    case 'fixed-window':
      need('limit', spec.limit);
      need('windowMs', spec.windowMs);
      if (spec.anchor !== undefined && spec.anchor !== 'clock' && spec.anchor !== 'first-request') {
        issues.push({ path: [...path, 'anchor'], message: "Expected 'clock' or 'first-request'." });
      }
      return;
    default:
      issues.push({
        path: [...path, 'kind'],
        message: "Expected 'token-bucket', 'leaky-bucket', 'cost-bucket' or 'fixed-window'.",
      });
  }
}

/**
 * Checks a {@link RateLimitPlan} and throws one `ValidationError` listing every problem.
 *
 * @example
 * ```ts
 * validatePlan({ default: { kind: 'token-bucket', ratePerSecond: 0, burst: 10 } }); // throws: ratePerSecond
 * ```
 *
 * @category Rate limiting
 */
export function validatePlan(plan: RateLimitPlan): void {
  const issues: ValidationIssue[] = [];
  if (plan.default) checkSpec(plan.default, ['limits', 'default'], issues);
  for (const [name, spec] of Object.entries(plan.operations ?? {}))
    checkSpec(spec, ['limits', 'operations', name], issues);
  if (plan.maxConcurrent !== undefined && !(plan.maxConcurrent >= 1)) {
    issues.push({ path: ['limits', 'maxConcurrent'], message: 'Expected a number >= 1.' });
  }
  if (plan.maxKeys !== undefined && !(Number.isInteger(plan.maxKeys) && plan.maxKeys >= 1)) {
    issues.push({ path: ['limits', 'maxKeys'], message: 'Expected an integer >= 1.' });
  }
  if (plan.jitterMs !== undefined && !(plan.jitterMs >= 0 && Number.isFinite(plan.jitterMs))) {
    issues.push({ path: ['limits', 'jitterMs'], message: 'Expected a finite number >= 0.' });
  }
  if (plan.maxWaitMs !== undefined && !(plan.maxWaitMs >= 0)) {
    issues.push({ path: ['limits', 'maxWaitMs'], message: 'Expected a number >= 0.' });
  }
  if (plan.scope !== undefined && !(typeof plan.scope === 'string' && plan.scope.length > 0)) {
    issues.push({
      path: ['limits', 'scope'],
      message: 'Expected a non-empty string (the budget owner, e.g. an application id).',
    });
  }
  if (issues.length) throw new ValidationError('rate limit plan', issues);
}
