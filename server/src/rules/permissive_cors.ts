import type { Node } from 'web-tree-sitter';
import type { Rule } from '../analysis/rule';
import { ancestorsOf } from './util/ancestors';
import { calleePathNode, pathTail } from './util/paths';
import { asMethodCall, methodTail } from './util/syntax';

/** tower-http's and actix-cors's allow-everything constructors, and what each one lets through. */
const PERMISSIVE: Record<string, string> = {
  'CorsLayer::permissive': 'lets every origin call this API with any method and header',
  'CorsLayer::very_permissive': 'echoes back whatever origin asks and allows credentials: any web page can make authenticated calls as the visitor',
  'Cors::permissive': 'echoes back whatever origin asks and allows credentials: any web page can make authenticated calls as the visitor',
};
/** `allow_origin(..)` arguments that accept every origin. */
const ANY_ORIGIN = /^(?:(?:\w+::)*Any|(?:\w+::)*AllowOrigin::(?:any|mirror_request)\(\)|(?:\w+::)*any\(\))$/;
/** A branch taken only in development: its permissive CORS never reaches production. */
const DEV_ONLY = /\b(?:debug_assertions|dev|development|debug|local|localhost|is_dev\w*|dev_mode|test|testing)\b/i;

export const permissiveCors: Rule = {
  id: 'permissive_cors',
  severity: 'warning',
  security: { cwe: 942, score: 6.5 },
  section: 'Security requires defense in depth across all layers',
  summary: 'CORS that lets every origin in (`CorsLayer::permissive()`, any origin with credentials)',
  allowedInTests: true,
  docs: {
    what:
      "Flags tower-http's `CorsLayer::permissive()` and `CorsLayer::very_permissive()`, actix-cors's `Cors::permissive()`, " +
      'and a CORS builder that accepts any origin (`allow_origin(Any)`, `AllowOrigin::mirror_request()`, ' +
      '`allow_any_origin()`) while also allowing credentials (`allow_credentials(true)`, `supports_credentials()`). ' +
      'Branches taken only in development (`if cfg!(debug_assertions)`, `if config.dev_mode`) are left alone.',
    why:
      'CORS is the browser\'s only fence between your API and every other web page a user has open. A permissive policy ' +
      'tells the browser that any site may call the API and read the answers, so a page on any domain can use the API ' +
      'with whatever the browser holds for it: cookies when credentials are allowed (the attacker acts as the logged-in ' +
      'user, the same damage as CSRF but with the responses readable), and any service reachable only from the user\'s ' +
      'machine or network (a `localhost` admin port, an intranet API). tower-http refuses `Any` together with ' +
      'credentials at start-up with a panic; mirroring the origin instead silently allows it. The guide treats ' +
      'security as layers, each of which must hold on its own: list the origins that serve your front end, and the ' +
      'methods and headers it sends.',
    example: [
      '# struct CorsLayer;',
      '# impl CorsLayer {',
      '#     fn permissive() -> Self {',
      '#         CorsLayer',
      '#     }',
      '# }',
      '# fn cors() -> CorsLayer {',
      'let cors = CorsLayer::permissive();',
      '#     cors',
      '# }',
    ].join('\n'),
    instead: [
      '# struct CorsLayer;',
      '# struct Method;',
      '# impl Method {',
      '#     const GET: Method = Method;',
      '#     const POST: Method = Method;',
      '# }',
      '# impl CorsLayer {',
      '#     fn new() -> Self {',
      '#         CorsLayer',
      '#     }',
      '#     fn allow_origin(self, _origins: [&str; 1]) -> Self {',
      '#         self',
      '#     }',
      '#     fn allow_methods(self, _methods: [Method; 2]) -> Self {',
      '#         self',
      '#     }',
      '# }',
      '# fn cors() -> CorsLayer {',
      'let cors = CorsLayer::new()',
      '    .allow_origin(["https://app.example.com"])',
      '    .allow_methods([Method::GET, Method::POST]);',
      '#     cors',
      '# }',
    ].join('\n'),
  },
  mentions: ['permissive', 'credentials'],
  visit: {
    call_expression(node, ctx) {
      const path = calleePathNode(node);
      if (path) {
        const what = PERMISSIVE[pathTail(ctx.resolve(path.text), 2)];
        if (what && !inDevOnlyBranch(node)) ctx.report(node, `\`${path.text}()\` ${what}.`);
        return;
      }
      const m = asMethodCall(node);
      if (!m || !isCredentialsOn(m)) return;
      const chain = chainOf(m.call);
      const anyOrigin = chain.find((c) => (c.name === 'allow_origin' && c.args.length === 1 && ANY_ORIGIN.test(c.args[0].text.replace(/\s+/g, ''))) || c.name === 'allow_any_origin');
      // actix's `send_wildcard()` answers `*`, which browsers never combine with credentials.
      if (!anyOrigin || chain.some((c) => c.name === 'send_wildcard') || inDevOnlyBranch(node)) return;
      ctx.report(methodTail(m), `Any origin (\`${anyOrigin.name}(${anyOrigin.args.map((a) => a.text).join(', ')})\`) with credentials: any web page can make authenticated calls as the visitor and read the answers.`);
    },
  },
};

function isCredentialsOn(m: { name: string; args: readonly Node[] }): boolean {
  return (m.name === 'allow_credentials' && m.args.length === 1 && m.args[0].text === 'true') || (m.name === 'supports_credentials' && m.args.length === 0);
}

/** The method calls of the builder chain `call` belongs to, from its root to its outermost call. */
function chainOf(call: Node): { name: string; args: readonly Node[] }[] {
  let top = call;
  for (let p = top.parent; p?.type === 'field_expression' && p.parent?.type === 'call_expression'; p = top.parent) top = p.parent;
  const out: { name: string; args: readonly Node[] }[] = [];
  for (let m = asMethodCall(top); m; m = asMethodCall(m.receiver)) out.push(m);
  return out;
}

/** Inside `if <dev condition> { .. }`, a `match` arm on a development mode, or `#[cfg(debug_assertions)]`. */
function inDevOnlyBranch(node: Node): boolean {
  let child = node;
  for (const a of ancestorsOf(node) ?? []) {
    if (a.type === 'function_item' || a.type === 'closure_expression') return false;
    if (a.type === 'if_expression' && a.childForFieldName('consequence')?.id === child.id && DEV_ONLY.test(a.childForFieldName('condition')?.text ?? '')) return true;
    if (a.type === 'match_arm' && DEV_ONLY.test(a.childForFieldName('pattern')?.text ?? '')) return true;
    if (a.previousNamedSibling?.type === 'attribute_item' && /debug_assertions/.test(a.previousNamedSibling.text)) return true;
    child = a;
  }
  return false;
}
