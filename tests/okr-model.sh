# The OKR model shared by t0700 and t0701: align's expected figures
# computed independently of align, from a description of the objectives.
# Sourced after lib.sh, with S set to a scratch directory.

# The expected numbers, computed here from a model of the objectives and
# never from align's output. A model is one line per objective and key
# result, fields separated by '|':
#   O|<id>|<quarter>|<owner>|<parent>|<weight>|<title>
#   K|<objective>|<key>|<title>|<owner>|<start>|<target>|<current>|<unit>|
#     <confidence>|<weight>|<due>|<day of its last check-in>
# (empty: not set). Variables: today (the day of "now", whose time of day
# is later than the 10:00 of every commit), mode (text, tree, csv or
# fields), owner, and the [okr] thresholds.
#   progress = clamp((current - start) / (target - start), 0, 1)
#   expected = (days from the quarter's start to the end of today)
#              / (days in the quarter, or up to the due day)
#   health: done is on-track; behind pace by more than off-track-gap or
#   confidence below off-track-confidence is off-track; by more than
#   on-track-gap or below on-track-confidence is at-risk.
#   Percentages and 4-decimal figures round halves up (57.5% is 58%).
cat >"$S/okr.awk" <<-'AWK'
BEGIN {
	FS = "|"
	if (ongap == "") ongap = 0.10
	if (offgap == "") offgap = 0.25
	if (onconf == "") onconf = 0.7
	if (offconf == "") offconf = 0.4
	if (cadence == "") cadence = 7
	name[0] = "on-track"; name[1] = "at-risk"; name[2] = "off-track"
}
function days(s,   y, m, d, era, yoe, doy) {
	y = substr(s, 1, 4) + 0; m = substr(s, 6, 2) + 0; d = substr(s, 9, 2) + 0
	if (m <= 2) y--
	era = int(y / 400); yoe = y - era * 400
	doy = int((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1
	return era * 146097 + yoe * 365 + int(yoe / 4) - int(yoe / 100) + doy - 719468
}
function qstart(q,   n) {
	if (length(q) == 4) return days(q "-01-01")
	n = substr(q, 7, 1) + 0
	return days(sprintf("%s-%02d-01", substr(q, 1, 4), 3 * n - 2))
}
function qafter(q,   y, n) {
	y = substr(q, 1, 4) + 0
	n = length(q) == 4 ? 4 : substr(q, 7, 1) + 0
	return n == 4 ? days(sprintf("%04d-01-01", y + 1)) : days(sprintf("%04d-%02d-01", y, 3 * n + 1))
}
function clamp(v) { return v < 0 ? 0 : v > 1 ? 1 : v }
function fmt4(v,   s) {
	s = sprintf("%.4f", int(v * 10000 + 0.5 + 1e-9) / 10000)
	sub(/0+$/, "", s); sub(/\.$/, "", s)
	return s
}
function pct(v) { return int(v * 100 + 0.5 + 1e-9) "%" }
function dash(s) { return s == "" ? "-" : s }
function judge(p, e, c) {
	if (p >= 1) return 0
	if (e - p > offgap || (c != "" && c + 0 < offconf)) return 2
	if (e - p > ongap || (c != "" && c + 0 < onconf)) return 1
	return 0
}
function roll(o, depth,   w, p, c) {
	w = wsum[o]; p = psum[o]
	for (c = 1; c <= no; c++)
		if (c != o && opar[c] == oid[o] && depth < 32) {
			w += ow[c]; p += ow[c] * roll(c, depth + 1)
		}
	return w > 0 ? p / w : 0
}
function krline(k, indent,   s) {
	s = sprintf("%" (indent * 2) "s  #%s  %s/%s", "", kkey[k], kc[k], kt[k])
	if (ku[k] != "") s = s " " ku[k]
	s = s "  " pct(kp[k]) " of " pct(ke[k]) " expected  " name[kh[k]]
	if (kconf[k] != "") s = s "  confidence " kconf[k]
	s = s "  " kown[k]
	if (kage[k] > cadence) s = s "  stale " kage[k] "d"
	return s
}
function show(o, depth, tree,   k, c) {
	if (shown[o]++) return
	printf "%" (depth * 2) "s%s  %s  %s  %s  %s\n", "", oid[o],
		pct(tree ? rolled[o] : op[o]), name[oh[o] + 0], dash(oown[o]), otitle[o]
	for (k = 1; k <= nk; k++)
		if (ko[k] == o) print krline(k, depth)
	if (tree)
		for (c = 1; c <= no; c++)
			if (opar[c] == oid[o]) show(c, depth + 1, 1)
}
$1 == "O" {
	no++; oid[no] = $2; oq[no] = $3; oown[no] = $4; opar[no] = $5
	ow[no] = $6 == "" ? 1 : $6; otitle[no] = $7; idx[$2] = no
}
$1 == "K" {
	nk++; ko[nk] = idx[$2]; kkey[nk] = $3; ktitle[nk] = $4
	kown[nk] = $5 == "" ? oown[idx[$2]] : $5
	ks[nk] = $6; kt[nk] = $7; kc[nk] = $8; ku[nk] = $9; kconf[nk] = $10
	kw[nk] = $11 == "" ? 1 : $11; kdue[nk] = $12; klast[nk] = $13
}
END {
	t = days(today)
	for (k = 1; k <= nk; k++) {
		o = ko[k]
		qs = qstart(oq[o])
		qe = kdue[k] != "" ? days(kdue[k]) + 1 : qafter(oq[o])
		kp[k] = clamp((kc[k] - ks[k]) / (kt[k] - ks[k]))
		ke[k] = clamp((t + 1 - qs) / (qe - qs))
		kh[k] = judge(kp[k], ke[k], kconf[k])
		kage[k] = t - days(klast[k])
		wsum[o] += kw[k]; psum[o] += kw[k] * kp[k]
		if (kh[k] > oh[o]) oh[o] = kh[k]
	}
	for (o = 1; o <= no; o++) {
		op[o] = wsum[o] > 0 ? psum[o] / wsum[o] : 0
		rolled[o] = roll(o, 0)
	}
	for (o = 1; o <= no; o++) {
		if (owner != "" && oown[o] != owner) continue
		if (mode == "text") show(o, 0, 0)
		if (mode == "tree" && (opar[o] == "" || !(opar[o] in idx))) show(o, 0, 1)
		if (mode == "fields") print oid[o], fmt4(op[o]), fmt4(rolled[o]), name[oh[o] + 0]
		for (k = 1; k <= nk; k++) {
			if (ko[k] != o) continue
			if (mode == "fields")
				print oid[o] "#" kkey[k], kc[k], (kconf[k] == "" ? "null" : kconf[k]),
					fmt4(kp[k]), fmt4(ke[k]), name[kh[k]],
					(kage[k] > cadence ? "true" : "false"), kage[k]
			if (mode == "csv" && !header++)
				print "objective,quarter,objective_owner,kr,title,owner,start,target,current,unit,confidence,progress,expected,health,days_since_checkin,stale"
			if (mode == "csv")
				print oid[o] "," oq[o] "," oown[o] "," kkey[k] "," ktitle[k] "," kown[k] "," ks[k] "," kt[k] "," kc[k] "," ku[k] "," kconf[k] "," fmt4(kp[k]) "," fmt4(ke[k]) "," name[kh[k]] "," kage[k] "," (kage[k] > cadence ? "yes" : "no")
		}
	}
}
AWK

# model <file> <today> <mode> [<awk -v assignments>...]
model() {
	m_file=$1 m_today=$2 m_mode=$3
	shift 3
	awk -v today="$m_today" -v mode="$m_mode" "$@" -f "$S/okr.awk" "$m_file"
}

# fields <json file>: okr status --format json in the model's "fields" form.
fields() {
	awk '
	function val(s) {
		sub(/^ *"[a-z_]+": /, "", s); sub(/,$/, "", s); gsub(/"/, "", s)
		return s
	}
	/^      "id": / { id = val($0) }
	/^      "progress": / { p = val($0) }
	/^      "rolled_up_progress": / { r = val($0) }
	/^      "health": / { print id, p, r, val($0) }
	/^          "key": / { key = val($0) }
	/^          "current": / { c = val($0) }
	/^          "confidence": / { cf = val($0) }
	/^          "progress": / { kp = val($0) }
	/^          "expected": / { ke = val($0) }
	/^          "health": / { kh = val($0) }
	/^          "stale": / { st = val($0) }
	/^          "days_since_checkin": / {
		print id "#" key, c, cf, kp, ke, kh, st, val($0)
	}' "$1"
}

# The raw message of a commit, byte for byte.
message() {
	git cat-file commit "${1:-HEAD}" | sed "1,/^\$/d"
}

# status_matches <model> <day> [<awk -v assignments>...]: okr status at
# noon of that day, in text, JSON and CSV, is what the model says.
status_matches() {
	sm_model=$1 sm_day=$2
	shift 2
	model "$sm_model" "$sm_day" text "$@" >"$S/expect" &&
	ALIGN_NOW="${sm_day}T12:00:00Z" align okr status >"$S/out" &&
	test_cmp "$S/expect" "$S/out" &&
	model "$sm_model" "$sm_day" fields "$@" >"$S/expect" &&
	ALIGN_NOW="${sm_day}T12:00:00Z" align okr status --format json \
		>"$S/out.json" &&
	fields "$S/out.json" >"$S/out" &&
	test_cmp "$S/expect" "$S/out" &&
	model "$sm_model" "$sm_day" csv "$@" >"$S/expect" &&
	ALIGN_NOW="${sm_day}T12:00:00Z" align okr status --format csv \
		>"$S/out" &&
	test_cmp "$S/expect" "$S/out"
}
