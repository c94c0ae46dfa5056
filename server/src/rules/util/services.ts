import type { FileFacts } from '../../analysis/facts';

/** Imports that make a file part of a network service (clients and CLIs may print and block all they like). */
const SERVER = /^(?:axum|actix_web|warp|rocket|poem|salvo|tide|tower_http|lambda_http|hyper::(?:server|service|Server)|tonic::transport::Server)(?:::|$)/;

/** The server framework path a file imports (`axum::Router`), if any. */
export function serverImport(facts: FileFacts): string | undefined {
  for (const path of facts.uses.values()) if (SERVER.test(path)) return path;
  return undefined;
}
