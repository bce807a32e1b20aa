"""The grader (DESIGN.md §5): `tangtoc grade` for a class of submissions, safe and fair.

intake (submissions → files) · sandbox/confine/cgroups (isolation) · judge_plugin + judging (our
tests in the sandbox) · scoring · reports/output (results.json, feedback.md, grades.csv) ·
terminal (progress) · batch (the phases) · gradescope/classroom (adapters) · cli (commands).
"""
