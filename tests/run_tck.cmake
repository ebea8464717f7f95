# ctest driver for the TCK: cmake -DRUNNER=... -DTCK=... -DSUBSET=... -DFLOOR_FILE=... -P run_tck.cmake
# Skips when the TCK file is absent (cmake -P cannot exit with 77 before
# CMake 3.29, so the test matches the printed "SKIPPED:" instead, see
# SKIP_REGULAR_EXPRESSION in CMakeLists.txt); fails when fewer scenarios pass
# than the floor in FLOOR_FILE.
if(NOT EXISTS "${TCK}")
  message("SKIPPED: TCK file ${TCK} is absent")
  return()
endif()
set(args "${TCK}")
if(SUBSET AND EXISTS "${SUBSET}")
  list(APPEND args --subset "${SUBSET}")
endif()
execute_process(COMMAND "${RUNNER}" ${args} OUTPUT_VARIABLE output RESULT_VARIABLE code)
message("${output}")
if(NOT code EQUAL 0)
  message(FATAL_ERROR "tck_runner exited with ${code}")
endif()
string(REGEX MATCH "([0-9]+) passed, ([0-9]+) failed[\r\n]*$" last "${output}")
if(NOT last)
  message(FATAL_ERROR "tck_runner printed no summary line")
endif()
set(passed ${CMAKE_MATCH_1})
file(READ "${FLOOR_FILE}" floor)
string(STRIP "${floor}" floor)
if(passed LESS floor)
  message(FATAL_ERROR "TCK: ${passed} passed, below the floor of ${floor}")
endif()
message("TCK: ${passed} passed (floor ${floor})")
