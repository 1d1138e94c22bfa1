import type { Plugin } from 'vite';

/**
 * The Content-Security-Policy of the built app, as a meta tag (the dev server needs inline scripts for hot reload, so
 * only `vite build` gets it). The page runs no inline script and no eval and talks only to its own origin; models
 * from a URL the user types are fetched by the engine worker, which runs under its own (same-origin) policy.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

export function contentSecurityPolicy(): Plugin {
  return {
    name: 'segexplain-csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}
