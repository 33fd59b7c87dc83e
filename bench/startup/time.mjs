// Times one startup program in this fresh process: `node time.mjs <hooksmith|tapable|hookable>`
// prints { cpuMs, wallMs, result } as JSON. CPU time is process.cpuUsage() (user + system, every
// thread) from before the program's import to after its hook call; Node's own start is left out,
// being the same for every library.

const cpu = process.cpuUsage();
const start = performance.now();
const { result } = await import(`./${process.argv[2]}.mjs`);
const wallMs = performance.now() - start;
const used = process.cpuUsage(cpu);
process.stdout.write(JSON.stringify({ cpuMs: (used.user + used.system) / 1000, wallMs, result }));
