"""The grader (DESIGN.md §5): `tangtoc grade` for a class of submissions, safe and fair.

intake (submissions → files) · sandbox (the judge's runs) + tangtoc.bubblewrap and cgroups
(every call of student code isolated) · judge_plugin + judging (our tests) · scoring ·
reports/output (results.json, feedback.md, grades.csv) · terminal (progress) · batch (the
phases) · gradescope/classroom (adapters) · cli (commands).
"""
