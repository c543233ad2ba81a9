#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
#
# Every "§N" / "§N.M" the tree cites resolves inside the repository (lint
# point doc-refs, shim/lint.sh):
#   - a citation names a heading ("## N. ..." / "### N.M ...") of
#     doc/facts.md or doc/silicon.md: the file named nearest before it in
#     the same file (a header line "§ numbers refer to doc/facts.md" does
#     for a whole file); inside those two docs, the doc itself unless the
#     same line names the other. Both ends of a range "§4.5-4.7" count.
#     "[SI n]" tags (emu/tests/test_conformance.c) are doc/silicon.md §n.
#   - no tracked file refers to the reference files outside the repository
#     (the one "Origin:" line of each doc excepted).
# Prints the unresolved citations; exit 0 when there are none.
import os
import re
import subprocess
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOCS = ('doc/facts.md', 'doc/silicon.md')

# spelled in pieces so that this file does not match itself
OUTSIDE = re.compile('|'.join([r'/work/' + 'shared', r'\.\./' + 'shared/',
                               'shared/' + 'reference',
                               'plx9x5x' + r'-facts\.md',
                               'plx9656' + r'-silicon\.md']))
NUM = r'(\d+(?:\.\d+)?)'
TOKEN = re.compile(r'(?P<file>(?<![\w-])(?:doc/)?(?P<doc>facts|silicon)\.md)'
                   r'|§' + NUM + r'(?:\s*[-–]\s*§?' + NUM + r')?'
                   r'|\[[^\]\n]*\bSI (\d+)(?:/(\d+))?[^\]\n]*\]')
HEADING = re.compile(r'^#{2,3} (\d+(?:\.\d+)?)\.? ')


def tracked():
    try:
        out = subprocess.run(['git', '-C', root, 'ls-files', '-co',
                              '--exclude-standard'], check=True,
                             capture_output=True, text=True).stdout
        return [f for f in out.splitlines() if os.path.isfile(os.path.join(root, f))]
    except (OSError, subprocess.CalledProcessError):
        files = []
        for d, dirs, names in os.walk(root):
            dirs[:] = [x for x in dirs if x not in ('.git', 'build')]
            files += [os.path.relpath(os.path.join(d, n), root) for n in names]
        return files


def headings(doc):
    with open(os.path.join(root, doc), encoding='utf-8') as fh:
        return {m.group(1) for m in map(HEADING.match, fh) if m}


def main():
    bad = []
    try:
        known = {d: headings(d) for d in DOCS}
    except OSError as e:
        print(f'doc-refs: {e}')
        return 1
    cites = 0
    for f in sorted(tracked()):
        try:
            with open(os.path.join(root, f), encoding='utf-8') as fh:
                lines = fh.read().split('\n')
        except (UnicodeDecodeError, OSError):
            continue
        origin = 0
        cur = None
        for n, line in enumerate(lines, 1):
            if OUTSIDE.search(line):
                if f in DOCS and line.startswith('Origin:') and not origin:
                    origin = 1
                else:
                    bad.append(f'{f}:{n}: refers to a file outside the '
                               f'repository: {line.strip()}')
            if f in DOCS:
                cur = f
            for m in TOKEN.finditer(line):
                if m.group('file'):
                    cur = 'doc/' + m.group('doc') + '.md'
                    continue
                if m.group(3):
                    doc, nums = cur, [m.group(3), m.group(4)]
                else:
                    doc, nums = 'doc/silicon.md', [m.group(5), m.group(6)]
                for num in filter(None, nums):
                    cites += 1
                    if doc is None:
                        bad.append(f'{f}:{n}: §{num} names no file '
                                   f'(write doc/facts.md §{num} or doc/silicon.md §{num})')
                    elif num not in known[doc]:
                        bad.append(f'{f}:{n}: {doc} §{num} has no such heading')
    for b in bad:
        print(b)
    if bad:
        print(f'doc-refs: {len(bad)} unresolved')
        return 1
    print(f'doc-refs: {cites} citations resolve; no reference outside the repository')
    return 0


if __name__ == '__main__':
    sys.exit(main())
