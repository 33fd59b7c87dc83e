"""Times pluggy on the cases of hooksmith's benchmark (bench/index.ts runs it in a subprocess).

Reads one JSON object on stdin: {"quick": bool, "cases": [{"case": name, "kind": ..., ...}]}, with
the kinds and parameters of bench/harness.ts (PluggyCaseSpec). Writes one JSON object on stdout:
{"python": version, "pluggy": version, "results": [{"case": name, "nsPerOp": number}]}.

Each case is timed with timeit: the number of operations per sample is sized so that a sample takes
about 20 ms (5 ms quick), samples are taken until about a second (50 ms quick) is spent, at least 3
and at most 15 (1 to 3 quick), and the result is the median time per operation over the samples.
"""

import json
import platform
import statistics
import sys
import time
import timeit

import pluggy
from pluggy._callers import _multicall
from pluggy._hooks import HookImpl

PROJECT = "bench"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


# --- the wrappers matrix: pluggy's test_hook_and_wrappers_speed, on _multicall ---


@hookimpl
def hook(arg1, arg2, arg3):
    return arg1, arg2, arg3


@hookimpl(wrapper=True)
def wrapper(arg1, arg2, arg3):
    return (yield)


def wrappers_case(spec):
    impls = [HookImpl(None, "<temp>", hook, hook.bench_impl) for _ in range(spec["hooks"])]
    impls += [HookImpl(None, "<temp>", wrapper, wrapper.bench_impl) for _ in range(spec["wrappers"])]
    kwargs = {"arg1": 1, "arg2": 2, "arg3": 3}
    expected = [(1, 2, 3)] * spec["hooks"]
    return (lambda: _multicall("fun", impls, kwargs, False)), lambda value: value == expected


# --- nested calls: pluggy's test_call_hook ---


class NestSpec:
    @hookspec
    def fun(self, hooks, nesting):
        pass


class NestPlugin:
    def __init__(self, index):
        self.index = index

    @hookimpl
    def fun(self, hooks, nesting):
        if nesting:
            hooks.fun(hooks=hooks, nesting=nesting - 1)


class NestWrapper:
    def __init__(self, index):
        self.index = index

    @hookimpl(wrapper=True)
    def fun(self):
        return (yield)


def call_hook_case(spec):
    pm = pluggy.PluginManager(PROJECT)
    pm.add_hookspecs(NestSpec)
    for i in range(spec["plugins"]):
        pm.register(NestPlugin(i), name=f"plug_{i}")
    for i in range(spec["wrappers"]):
        pm.register(NestWrapper(i), name=f"wrap_plug_{i}")
    hooks = pm.hook
    nesting = spec["nesting"]
    return (lambda: hooks.fun(hooks=hooks, nesting=nesting)), lambda value: value == []


# --- plain calls and firstresult: compute(a, b) ---


class ComputeSpec:
    @hookspec
    def compute(self, a, b):
        pass


class ComputeFirstSpec:
    @hookspec(firstresult=True)
    def compute(self, a, b):
        pass


def compute_plugin(index, answers):
    class Plugin:
        if answers:

            @hookimpl
            def compute(self, a, b):
                return a + b + index

        else:

            @hookimpl
            def compute(self, a, b):
                if a == -1 - index:
                    return b
                return None

    return Plugin()


def sync_case(spec):
    count = spec["impls"]
    pm = pluggy.PluginManager(PROJECT)
    pm.add_hookspecs(ComputeSpec)
    for i in range(count):
        pm.register(compute_plugin(i, True), name=f"p{i}")
    compute = pm.hook.compute
    expected = [3 + i for i in reversed(range(count))]
    return (lambda: compute(a=1, b=2)), lambda value: value == expected


def firstresult_case(spec):
    count = spec["impls"]
    pm = pluggy.PluginManager(PROJECT)
    pm.add_hookspecs(ComputeFirstSpec)
    for i in range(count):
        pm.register(compute_plugin(i, i == 0), name=f"p{i}")
    compute = pm.hook.compute
    return (lambda: compute(a=1, b=2)), lambda value: value == 3


# --- registration ---


class RegisterSpec:
    @hookspec
    def configure(self, name):
        pass

    @hookspec
    def collect(self, name):
        pass

    @hookspec
    def report(self, name):
        pass


class RegisterPlugin:
    def __init__(self, index):
        self.index = index

    @hookimpl
    def configure(self, name):
        return f"{name}:{self.index}"

    @hookimpl
    def collect(self, name):
        return len(name) + self.index

    @hookimpl
    def report(self, name):
        if name == "":
            raise ValueError("no name")

    def helper(self):
        return self.index


def register_case(spec):
    count = spec["plugins"]
    plugins = [RegisterPlugin(i) for i in range(count)]
    names = [f"plugin_{i}" for i in range(count)]

    def register_all():
        pm = pluggy.PluginManager(PROJECT)
        pm.add_hookspecs(RegisterSpec)
        for plugin, name in zip(plugins, names):
            pm.register(plugin, name=name)
        return pm

    return register_all, lambda pm: len(pm.hook.collect.get_hookimpls()) == count


BUILDERS = {
    "wrappers": wrappers_case,
    "call_hook": call_hook_case,
    "sync": sync_case,
    "firstresult": firstresult_case,
    "register": register_case,
}


def time_case(op, verify, quick):
    """Verifies one operation, then returns the median time per operation in ns."""
    sample_seconds, budget_seconds, min_samples, max_samples = (0.005, 0.05, 1, 3) if quick else (0.02, 1.0, 3, 15)
    start = time.perf_counter()
    value = op()
    first = time.perf_counter() - start
    if not verify(value):
        raise ValueError(f"unexpected result {value!r}")
    timer = timeit.Timer(op)
    samples = []
    if first >= sample_seconds:
        # A slow operation is its own sample, the verified one included.
        number = 1
        samples.append(first)
    else:
        number = 1
        while True:
            elapsed = timer.timeit(number)
            if elapsed >= sample_seconds / 10 or number >= 1 << 20:
                break
            number *= 2
        number = max(1, round(number * sample_seconds / max(elapsed, 1e-9)))
    spent = sum(samples)
    while len(samples) < max_samples and (len(samples) < min_samples or spent < budget_seconds):
        elapsed = timer.timeit(number)
        spent += elapsed
        samples.append(elapsed / number)
    return statistics.median(samples) * 1e9


def main():
    request = json.load(sys.stdin)
    quick = request.get("quick", False)
    results = []
    for spec in request["cases"]:
        op, verify = BUILDERS[spec["kind"]](spec)
        try:
            ns = time_case(op, verify, quick)
        except ValueError as error:
            raise SystemExit(f"pluggy case {spec['case']!r}: {error}") from error
        results.append({"case": spec["case"], "nsPerOp": ns})
    json.dump({"python": platform.python_version(), "pluggy": pluggy.__version__, "results": results}, sys.stdout)


if __name__ == "__main__":
    main()
