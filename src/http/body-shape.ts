import type { FastifyReply, FastifyRequest } from 'fastify';

/** Deeper than any body Boundary accepts (settings nest about five levels), far below a stack limit. */
export const MAX_JSON_DEPTH = 32;
/** Values (objects, arrays, scalars) in one body: a settings document with every maximum has a few thousand. */
export const MAX_JSON_NODES = 50_000;

/**
 * Schema validation and the settings checks recurse, so a body nested thousands deep would
 * overflow the stack (a 500). Measured iteratively before any of them runs, and refused as a 400.
 */
export async function rejectOversizedJson(req: FastifyRequest, reply: FastifyReply): Promise<void> {
  const problem = shapeProblem(req.body);
  if (problem) await reply.status(400).send({ error: 'invalid_request', message: `The request body is ${problem}.`, issues: [{ path: '(body)', message: problem }] });
}

function shapeProblem(root: unknown): string | null {
  if (!root || typeof root !== 'object') return null;
  const stack: Array<[unknown, number]> = [[root, 1]];
  let nodes = 0;
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (++nodes > MAX_JSON_NODES) return `too large: more than ${MAX_JSON_NODES} values`;
    if (!value || typeof value !== 'object') continue;
    if (depth > MAX_JSON_DEPTH) return `nested too deeply: more than ${MAX_JSON_DEPTH} levels`;
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  return null;
}
