// The HTML report page's script and style, embedded from report.js and
// report.css at build time (embed.cmake), so the page needs no other file.
#ifndef SCALESIM_APP_REPORT_ASSETS_H_
#define SCALESIM_APP_REPORT_ASSETS_H_

namespace app::report {

extern const char* const kReportScript;
extern const char* const kReportStyle;

}  // namespace app::report

#endif  // SCALESIM_APP_REPORT_ASSETS_H_
