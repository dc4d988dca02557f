import type { FastifyReply, FastifyRequest } from 'fastify';

const MAX_ISSUES = 10;

/**
 * PostgreSQL text and jsonb cannot hold U+0000, so a NUL anywhere in a path parameter, query or
 * JSON body would fail deep in SQL as a 500. Refuse it at the door instead, naming each field.
 */
export async function rejectNulCharacters(req: FastifyRequest, reply: FastifyReply): Promise<void> {
  const issues: Array<{ path: string; message: string }> = [];
  for (const [where, value] of [['params', req.params], ['query', req.query], ['body', req.body]] as const) {
    for (const path of nulPaths(value, where)) issues.push({ path, message: 'must not contain NUL (\\u0000) characters' });
  }
  if (issues.length > 0) {
    await reply.status(400).send({ error: 'invalid_request', message: 'The request contains NUL (\\u0000) characters, which cannot be stored.', issues });
  }
}

/** Paths of strings (values or keys) that contain a NUL; iterative, so deep nesting cannot overflow. */
function nulPaths(root: unknown, rootPath: string): string[] {
  const found: string[] = [];
  const stack: Array<[unknown, string]> = [[root, rootPath]];
  while (stack.length > 0 && found.length < MAX_ISSUES) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) found.push(path);
    } else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        const childPath = Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`;
        if (key.includes('\u0000')) found.push(childPath);
        else stack.push([child, childPath]);
      }
    }
  }
  return found;
}
