import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import type { Logger } from '@dxhub/kit';
import { Kind, parse, print, visit, type ConstDirectiveNode } from 'graphql';
import type { SupergraphSource } from '../config.js';
import { GatewayError } from '../errors.js';
import { AccessRequirements } from './requirements.js';

/** Specs whose `@link` carries `for: SECURITY` in a composed supergraph. */
const SECURITY_SPECS = /^https:\/\/specs\.apollo\.dev\/(authenticated|requiresScopes|policy)\//;

/** A supergraph ready for the gateway, with what was derived from it. */
export interface LoadedSupergraph {
  /** The supergraph as committed or composed. */
  raw: string;
  /** The copy @apollo/gateway loads: the same, without `for: SECURITY` on the access links. */
  gatewaySdl: string;
  requirements: AccessRequirements;
  /** SHA-256 of `raw`, to tell a real change from a touched file. */
  hash: string;
  loadedAt: Date;
  /** Origin: a file path, or "composition". */
  source: string;
}

function linkUrl(directive: ConstDirectiveNode): string | undefined {
  const url = directive.arguments?.find((argument) => argument.name.value === 'url')?.value;
  return url?.kind === Kind.STRING ? url.value : undefined;
}

/**
 * Removes `for: SECURITY` from the `@link`s of `@authenticated`, `@requiresScopes` and
 * `@policy`. @apollo/gateway 2.x refuses a supergraph with a SECURITY feature it does not
 * enforce, while the subgraphs enforce these directives themselves and the gateway's scope gate
 * reads them from this same document, so the copy without the purpose loses no check.
 */
export function withoutSecurityPurpose(supergraphSdl: string): string {
  const document = visit(parse(supergraphSdl), {
    Directive(node) {
      if (node.name.value !== 'link') return undefined;
      const url = linkUrl(node as ConstDirectiveNode);
      if (!url || !SECURITY_SPECS.test(url)) return undefined;
      return {
        ...node,
        arguments: node.arguments?.filter((argument) => argument.name.value !== 'for'),
      };
    },
  });
  return `${print(document)}\n`;
}

/**
 * Reads the supergraph (the file, or a fresh composition), prepares the gateway copy and checks
 * that @apollo/federation-internals accepts it. Throws `GatewayError` `SUPERGRAPH_INVALID` with
 * what to do when the file is missing or the supergraph is invalid.
 */
export function loadSupergraph(source: SupergraphSource, compose: () => string): LoadedSupergraph {
  let raw: string;
  if (source.kind === 'compose') {
    raw = compose();
  } else {
    try {
      raw = fs.readFileSync(source.path, 'utf8');
    } catch (error) {
      throw new GatewayError(
        'SUPERGRAPH_INVALID',
        {
          en: `Cannot read the supergraph ${source.path} (${(error as NodeJS.ErrnoException).code}). Run "pnpm compose" to write it, or set DXHUB_SUPERGRAPH.`,
          vi: `Không đọc được supergraph ${source.path} (${(error as NodeJS.ErrnoException).code}). Hãy chạy "pnpm compose" để tạo tệp, hoặc đặt DXHUB_SUPERGRAPH.`,
        },
        { cause: error },
      );
    }
  }

  let gatewaySdl: string;
  let requirements: AccessRequirements;
  try {
    gatewaySdl = withoutSecurityPurpose(raw);
    Supergraph.build(gatewaySdl);
    requirements = AccessRequirements.fromSupergraph(raw);
  } catch (error) {
    const where = source.kind === 'file' ? source.path : 'the composed supergraph';
    throw new GatewayError(
      'SUPERGRAPH_INVALID',
      {
        en: `The supergraph in ${where} is invalid: ${(error as Error).message}. Run "pnpm compose" and check its errors.`,
        vi: `Supergraph trong ${where} không hợp lệ: ${(error as Error).message}. Hãy chạy "pnpm compose" và xem các lỗi.`,
      },
      { cause: error },
    );
  }

  return {
    raw,
    gatewaySdl,
    requirements,
    hash: createHash('sha256').update(raw).digest('hex'),
    loadedAt: new Date(),
    source: source.kind === 'file' ? source.path : 'composition',
  };
}

/**
 * Calls `onChange` when the file at `filePath` is written or replaced. The folder is watched,
 * not the file, because editors and `pnpm compose` may replace the file, which ends a watch on
 * it. Events within 200 ms are merged. Returns the function that stops watching.
 */
export function watchSupergraphFile(
  filePath: string,
  onChange: () => void,
  logger: Logger,
): () => void {
  const folder = path.dirname(filePath);
  const name = path.basename(filePath);
  let timer: NodeJS.Timeout | undefined;
  let watcher: fs.FSWatcher;
  try {
    watcher = fs.watch(folder, (_event, changed) => {
      if (changed !== null && changed !== name) return;
      clearTimeout(timer);
      timer = setTimeout(onChange, 200);
    });
  } catch (error) {
    logger.warn(
      { err: error, folder },
      'cannot watch the supergraph folder; reload with SIGHUP instead',
    );
    return () => {};
  }
  watcher.on('error', (error) =>
    logger.warn({ err: error, folder }, 'supergraph watch failed; reload with SIGHUP instead'),
  );
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}
