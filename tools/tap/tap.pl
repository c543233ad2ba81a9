#!/usr/bin/perl
# SPDX-License-Identifier: GPL-2.0-only
#
# The project's one TAP reader, on perl's standard TAP::Parser (Test::Harness).
#
#   tap.pl count FILE     one line "PASSED FAILED SKIPPED NOTE": the test
#                         points of the top-level TAP stream in FILE (a
#                         suite's whole log; lines that are not TAP, e.g.
#                         make's and compilers', are ignored)
#   tap.pl relay FILE     the top-level test points of FILE, one a line,
#                         "ok<TAB>description" / "not ok<TAB>description" /
#                         "skip<TAB>description<TAB>reason", for a suite
#                         that passes a guest's TAP through as its own
#                         test points (tools/tap/tap.sh: tap_relay)
#
# Only the top-level stream counts: indented lines (nested subtests, KTAP
# subtests, a guest's stream nested under its scenario) are not test
# points of the suite, so nothing is counted twice. A skipped point counts
# as passed (and is shown as skipped). The stream counts as one more
# failure when it has no plan, a plan that does not match the points, a
# "Bail out!", or no test point at all; NOTE says which.
use strict;
use warnings;
use TAP::Parser;

my ($cmd, $file) = @ARGV;
die "usage: tap.pl count|relay FILE\n" unless $cmd && defined $file;
open(my $fh, '<', $file) or die "tap.pl: $file: $!\n";
my $tap = do { local $/; <$fh> };
close $fh;
$tap =~ s/\r//g;

my $parser = TAP::Parser->new({ tap => $tap });
my ($pass, $fail, $skip) = (0, 0, 0);
my (@relay, $bailed);
while (my $r = $parser->next) {
	$bailed = $r->explanation if $r->is_bailout;
	next unless $r->is_test;
	my $desc = $r->description;
	$desc =~ s/^- //;
	if ($r->is_ok) {
		$pass++;
		if ($r->has_skip) {
			$skip++;
			push @relay, "skip\t$desc\t" . ($r->explanation // '');
		} else {
			push @relay, "ok\t$desc";
		}
	} else {
		$fail++;
		push @relay, "not ok\t$desc";
	}
}

my @notes;
push @notes, "bailed out ($bailed)" if defined $bailed;
push @notes, 'no test point' if $parser->tests_run == 0;
push @notes, map { "bad TAP: $_" } $parser->parse_errors;
if (@notes) {
	$fail++;
	push @relay, "not ok\tTAP stream: " . join('; ', @notes);
}
if ($cmd eq 'count') {
	printf "%d %d %d %s\n", $pass, $fail, $skip, join('; ', @notes);
} elsif ($cmd eq 'relay') {
	print "$_\n" for @relay;
} else {
	die "tap.pl: unknown command '$cmd'\n";
}
