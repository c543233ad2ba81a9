#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The tables of `make bench BENCH_ARGS=--profile` (tools/bench/README.md,
"Profile of one 1-byte request").

Input: the guest log of tools/bench/profile-guest.sh, with
  PROF,label,mode,size,min_ns,median_ns,0        untraced (tracer off)
  PROF,label,mode,size,min_ns,median_ns,traced_ns  (hooks on, 1 traced)
  TRACE,label,mode,size,<function_graph line: abstime, proc, tail>

The function_graph tracer's hooks cost far more than most of the traced
functions (about 0.75 us of virtual time per call on this guest: under
-icount shift=0 one instruction is 1 ns). Because the guest is
deterministic, the hooks' cost is nearly constant and is measured from
the trace itself:
  * HOOK_LEAF: the smallest duration of any leaf call (a function with no
    traced callee: the hooks' cost inside its own interval plus a body of
    a few instructions, e.g. wdf_object_get);
  * HOOK_CHILD: the smallest extra time a caller shows per traced callee
    (the part of the callee's hooks outside the callee's interval),
    measured on callers with exactly one leaf callee.
Corrected self time of a call = its duration - its traced callees'
durations - HOOK_LEAF - HOOK_CHILD x (traced callees), floored at 0.
Corrected inclusive time = the sum of corrected self times below it.
This is an estimate to within a few tens of ns per call; the time of an
untraced callee (e.g. spin locks, the completion's wait) is its caller's
self time; an interrupt that arrives during a call is a callee of it in
the trace and is subtracted from it. The untraced remainder (syscall
entry/exit, context switches, the board moving the data while the CPU
idles, interrupt entry) is the untraced latency minus the sum of the
corrected times.

Output per label and mode: the request's latency (untraced), the tree of
traced calls to depth DEPTH with corrected inclusive us and % of the
latency, then the flat list of functions by corrected self time.
Exit status 1 when a label/mode has no trace or no untraced figure.
"""
import re
import sys
from collections import OrderedDict, defaultdict

LINE = re.compile(r'^\s*(\d+)\.(\d+)\s*\|\s*(\d+)\)\s*(.*?)\s*\|\s*'
                  r'(?:([\d.]+) us)?\s*\|\s?(.*)$')
NAME = r'([\w.]+)(?: \[(\w+)\])?'
ENTER = re.compile(r'^' + NAME + r'\(\) \{$')
LEAF = re.compile(r'^' + NAME + r'\(\);$')
EXIT = re.compile(r'^\} /\* ' + NAME + r' \*/$')
DEPTH = 4


class Call:
    def __init__(self, name, mod, task):
        self.name, self.mod, self.task = name, mod or 'kernel', task
        self.dur = 0.0
        self.kids = []
        self.corr_self = 0.0
        self.corr_incl = 0.0
        self.foreign = 0.0      # other tasks' traced roots while open
        self.nforeign = 0

    def label(self):
        n = re.sub(r'\.(constprop|isra|part)\.\d+', '', self.name)
        return n if self.mod == 'kernel' else f'{n} [{self.mod}]'


def parse(lines):
    """Trace lines -> the list of root calls (per task, in order)."""
    roots = []
    stacks = defaultdict(list)
    started = False
    for ln in lines:
        m = LINE.match(ln)
        if not m:
            continue
        task, body = m.group(4).strip(), m.group(6).strip()
        dur = float(m.group(5)) * 1000 if m.group(5) else None
        if body.startswith('/*'):
            if 'plxprof begin' in body:
                started = True
            elif 'plxprof end' in body:
                break
            continue
        if not started:
            continue
        st = stacks[task]
        e = ENTER.match(body)
        lf = LEAF.match(body)
        x = EXIT.match(body)
        if e:
            c = Call(e.group(1), e.group(2), task)
            (st[-1].kids if st else roots).append(c)
            st.append(c)
        elif lf and dur is not None:
            c = Call(lf.group(1), lf.group(2), task)
            c.dur = dur
            (st[-1].kids if st else roots).append(c)
        elif x and dur is not None:
            if x.group(1) not in [c.name for c in st]:
                continue        # entered before tracing started
            while st[-1].name != x.group(1):
                st.pop()        # lost exit: leave its duration at 0
            c = st.pop()
            c.dur = dur
        else:
            continue
        if (e is None) and not st:
            # a root call of this task ended: it ran while the calls
            # open in the other tasks were switched out
            done = (st and st[-1]) or c
            for t, ost in stacks.items():
                if t != task:
                    for o in ost:
                        o.foreign += done.dur
                        o.nforeign += 1
    # calls still open at the end marker (none in a complete trace)
    return [r for r in roots if r.dur > 0]


def walk(calls):
    for c in calls:
        yield c
        yield from walk(c.kids)


def calibrate(roots):
    leaves = [c.dur for c in walk(roots) if not c.kids and c.dur > 0]
    hook_leaf = min(leaves) if leaves else 0.0
    one = [c.dur - c.kids[0].dur - hook_leaf for c in walk(roots)
           if len(c.kids) == 1 and not c.kids[0].kids and c.dur > 0]
    hook_child = min(one) if one else hook_leaf
    return hook_leaf, max(0.0, hook_child)


def correct(c, hl, hc):
    for k in c.kids:
        correct(k, hl, hc)
    c.corr_self = max(0.0, c.dur - sum(k.dur for k in c.kids) - c.foreign -
                      hl - hc * (len(c.kids) + c.nforeign))
    c.corr_incl = c.corr_self + sum(k.corr_incl for k in c.kids)


def tree(c, depth, lat, out, indent=0):
    out.append(f'   {"  " * indent}{c.label():<{60 - 2 * indent}} '
               f'{c.corr_incl / 1000:7.2f} {100 * c.corr_incl / lat:6.1f} '
               f'{c.corr_self / 1000:7.2f}')
    if depth <= 1:
        return
    # merge repeated siblings (e.g. two sharers' ISRs) only when leaves
    for k in c.kids:
        tree(k, depth - 1, lat, out, indent + 1)


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit('usage: profile.py GUEST_LOG [DEPTH]')
    depth = int(sys.argv[2]) if len(sys.argv) == 3 else DEPTH
    plain, traced = OrderedDict(), {}
    trace = defaultdict(list)
    with open(sys.argv[1], errors='replace') as f:
        for ln in f:
            ln = ln.rstrip('\r\n')
            if ln.startswith('PROF,'):
                p = ln.split(',')
                key, v = (p[1], p[2], p[3]), [int(x) for x in p[3:7]]
                if v[3]:
                    traced[key] = v
                else:
                    plain[key] = v
            elif ln.startswith('TRACE,'):
                _, lbl, mode, size, rest = ln.split(',', 4)
                trace[(lbl, mode, size)].append(rest)
    rc = 0
    summary = []
    for key, (size, umin, umed, _) in plain.items():
        lbl, mode, _ = key
        roots = parse(trace.get(key, []))
        tr = traced.get(key, [0, 0, 0, 0])[3]
        print(f'== {lbl} {mode} {size} B: {umed / 1000:.2f} us untraced '
              f'(median; min {umin / 1000:.2f}), {tr / 1000:.2f} us traced')
        if not roots:
            print('   no trace')
            rc = 1
            continue
        hl, hc = calibrate(roots)
        for r in roots:
            correct(r, hl, hc)
        n = sum(1 for _ in walk(roots))
        accounted = sum(r.corr_incl for r in roots)
        print(f'   {n} traced calls; hooks: {hl:.0f} ns per call + '
              f'{hc:.0f} ns per traced callee (subtracted)')
        print(f'   {"stage / function (corrected)":<60} {"incl us":>7} '
              f'{"% req":>6} {"self us":>7}')
        out = []
        for r in roots:
            tree(r, depth, umed, out)
        print('\n'.join(out))
        rest = umed - accounted
        print(f'   {"(untraced: syscall entry/exit, switches, irq entry, idle while the board works)":<60} '
              f'{rest / 1000:7.2f} {100 * rest / umed:6.1f}')
        agg = OrderedDict()
        for c in walk(roots):
            a = agg.setdefault(c.label(), [0, 0.0])
            a[0] += 1
            a[1] += c.corr_self
        mods = defaultdict(float)
        for c in walk(roots):
            mods[c.mod] += c.corr_self
        print('   by module (corrected self): ' + ', '.join(
            f'{m} {v / 1000:.2f} us' for m, v in sorted(mods.items())))
        print(f'   {"function (flat, corrected self, >= 0.02 us)":<60} '
              f'{"calls":>5} {"self us":>7} {"% req":>6}')
        for name, (calls, s) in sorted(agg.items(), key=lambda x: -x[1][1]):
            if s >= 20:
                print(f'   {name:<60} {calls:5d} {s / 1000:7.2f} '
                      f'{100 * s / umed:6.1f}')
        summary.append((lbl, mode, size, umed, mods))
    if not plain:
        print('no untraced PROF lines in the log')
        rc = 1
    if summary:
        print('== summary: latency (untraced) and corrected CPU time per module')
        for lbl, mode, size, umed, mods in summary:
            print(f'   {lbl:<12} {mode:<5} {size:>6} B {umed / 1000:7.2f} us   ' +
                  ', '.join(f'{m} {v / 1000:.2f}' for m, v in sorted(mods.items())))
    return rc


if __name__ == '__main__':
    sys.exit(main())
