# Writes build/generated/kyosei/version.hpp with the commit checked out now. Run at every build
# (the kyosei_version target), not only at configure time: a build tree configured at an older
# commit would otherwise stamp every result file and checkpoint with that commit. configure_file
# leaves the header untouched while nothing changed, so nothing recompiles then.
# In: SOURCE_DIR, OUTPUT, PROJECT_VERSION.
execute_process(COMMAND git rev-parse --short=12 HEAD WORKING_DIRECTORY ${SOURCE_DIR}
                OUTPUT_VARIABLE KYOSEI_GIT_COMMIT OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
configure_file(${SOURCE_DIR}/include/kyosei/version.hpp.in ${OUTPUT} @ONLY)
