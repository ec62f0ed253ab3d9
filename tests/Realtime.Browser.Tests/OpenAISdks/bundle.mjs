// node bundle.mjs <entry> <outfile>: bundles a test page's script with esbuild's JavaScript API (which finds its
// platform binary from the installed @esbuild package, with or without npm's install scripts).
import { build } from 'esbuild';

const [entry, outfile] = process.argv.slice(2);
await build({ entryPoints: [entry], outfile, bundle: true, format: 'iife', platform: 'browser', logLevel: 'warning' });
