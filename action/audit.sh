#!/usr/bin/env bash
# The Audit step of action.yml. GitHub runs `shell: bash` as `bash -eo pipefail`: the audit's exit
# status is captured, never allowed to end the step, so the job summary and the outputs
# (exit-code, sarif-file, verdict) are written whatever happened; the Verdict step fails last.
# Inputs arrive as PA_* environment variables only, never pasted into script text.
set -uo pipefail
set +e

if [ -n "${PA_SCRIPT:-}" ]; then cmd=(node "$PA_SCRIPT"); else cmd=(pledge-audit); fi
if [ -n "${PA_WORKDIR:-}" ]; then cd "$PA_WORKDIR" || { echo "::error::pledge-audit: working-directory $PA_WORKDIR does not exist"; echo "exit-code=2" >> "$GITHUB_OUTPUT"; echo "verdict=error" >> "$GITHUB_OUTPUT"; exit 0; }; fi

# Space-separated paths; a word with * ? [ is a glob (app/build/outputs/apk/release/*.apk).
read -r -a words <<< "${PA_APK:-}"
inputs=()
for w in "${words[@]}"; do
  if [[ "$w" == *[*?[]* ]]; then
    mapfile -t matched < <(compgen -G "$w" || true)
    [ ${#matched[@]} -eq 0 ] && echo "::warning::pledge-audit: $w matches no file"
    inputs+=("${matched[@]}")
  else
    inputs+=("$w")
  fi
done

args=(--lang "${PA_LANG:-zh}")
[ -n "${PA_FAIL_ON:-}" ] && args+=(--fail-on "$PA_FAIL_ON")
[ -n "${PA_APP_CATEGORY:-}" ] && args+=(--category "$PA_APP_CATEGORY")
[ -n "${PA_CONFIG:-}" ] && args+=(--config "$PA_CONFIG")
[ -n "${PA_SOURCE_ROOT:-}" ] && args+=(--source-root "$PA_SOURCE_ROOT")
sarif="${PA_SARIF:-pledge-audit.sarif}"

# compare-with: `pledge-audit diff OLD NEW` instead of the audit; the same options, formats and
# exit statuses, counted on the new findings only.
if [ -n "${PA_COMPARE:-}" ]; then
  [ -n "${PA_BASELINE:-}" ] && echo "::warning::pledge-audit: baseline is not used with compare-with (the previous release is the baseline)"
  cmd+=(diff "$PA_COMPARE")
elif [ -n "${PA_BASELINE:-}" ]; then
  args+=(--baseline "$PA_BASELINE")
fi

status=0
"${cmd[@]}" "${inputs[@]}" "${args[@]}" --sarif-category "${PA_CATEGORY:-pledge-audit}" --format sarif --output "$sarif" || status=$?

case "$status" in
  0) verdict=passed ;;
  1) verdict=failed ;;
  2) verdict=usage-error ;;
  *) verdict=input-error ;;
esac

if [ "${PA_SUMMARY:-true}" = "true" ]; then
  {
    echo "### pledge-audit: $verdict (exit $status)"
    echo
    if [ "$status" != 2 ]; then
      # The summary never changes the status: --fail-on never, and its own failure is ignored.
      "${cmd[@]}" "${inputs[@]}" "${args[@]}" --fail-on never --format markdown 2>/dev/null || echo "_the Markdown summary could not be written_"
    else
      echo "Usage or configuration error: see the Audit step's log."
    fi
  } >> "${GITHUB_STEP_SUMMARY:-/dev/null}"
fi

{
  # Absolute, so that the upload step finds it whatever the working directory was.
  if [ -f "$sarif" ]; then case "$sarif" in /*) echo "sarif-file=$sarif" ;; *) echo "sarif-file=$PWD/$sarif" ;; esac; else echo "sarif-file="; fi
  echo "exit-code=$status"
  echo "verdict=$verdict"
} >> "$GITHUB_OUTPUT"
exit 0
