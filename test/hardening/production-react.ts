// Imported first by suites that render thousands of frames: React's production build, as in the
// built CLI (esbuild defines NODE_ENV=production), renders several times faster than the
// development build and does not keep per-render debugging data. Must run before React loads.
process.env.NODE_ENV = 'production';
