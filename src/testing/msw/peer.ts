import type * as Msw from 'msw';
import { loadPeer } from '../../peers/load-peer.js';

// msw is an optional peer: loading it here, through one synchronous require, turns its absence
// into an error that names the install instead of a bare "Cannot find package".
const msw = loadPeer<typeof Msw>('msw', 'marketbridge/testing/msw', '^2.15.0');

/** msw's `http` namespace, from the installed peer. */
export const http: typeof Msw.http = msw.http;
/** msw's `HttpResponse`, from the installed peer. */
export const HttpResponse: typeof Msw.HttpResponse = msw.HttpResponse;
/** msw's `getResponse`, from the installed peer. */
export const getResponse: typeof Msw.getResponse = msw.getResponse;
