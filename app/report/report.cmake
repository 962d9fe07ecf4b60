# The HTML report's sources for scalesim_app, with its page script and style
# embedded at build time (embed.cmake). Included from the top CMakeLists.txt.
set(SCALESIM_REPORT_DIR ${CMAKE_CURRENT_LIST_DIR})
set(SCALESIM_REPORT_ASSETS_CC ${CMAKE_CURRENT_BINARY_DIR}/app/report/report_assets.cc)
add_custom_command(
  OUTPUT ${SCALESIM_REPORT_ASSETS_CC}
  COMMAND ${CMAKE_COMMAND} -DSCRIPT=${SCALESIM_REPORT_DIR}/report.js
          -DSTYLE=${SCALESIM_REPORT_DIR}/report.css -DOUTPUT=${SCALESIM_REPORT_ASSETS_CC}
          -P ${SCALESIM_REPORT_DIR}/embed.cmake
  DEPENDS ${SCALESIM_REPORT_DIR}/report.js ${SCALESIM_REPORT_DIR}/report.css
          ${SCALESIM_REPORT_DIR}/embed.cmake
  COMMENT "Embedding the HTML report's script and style")
set(SCALESIM_REPORT_SOURCES
  ${SCALESIM_REPORT_DIR}/csv.cc
  ${SCALESIM_REPORT_DIR}/page.cc
  ${SCALESIM_REPORT_DIR}/report.cc
  ${SCALESIM_REPORT_DIR}/report_command.cc
  ${SCALESIM_REPORT_DIR}/results.cc
  ${SCALESIM_REPORT_DIR}/timeline.cc
  ${SCALESIM_REPORT_ASSETS_CC})
