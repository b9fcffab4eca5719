Attribute VB_Name = "PacxlReport"
' pacxl: refresh the report figures (where the plan stands at the tracking month)
' on the "Rapport" sheet: KPIs against plan, budget consumed, actions, funnel activity, ABC.
Option Explicit

Public Sub PacxlRefreshReport()
    On Error GoTo Fail
    RunPython "import pacxl.macros; pacxl.macros.refresh_report()"
    Exit Sub
Fail:
    MsgBox "Le rapport n'a pas pu " & ChrW(234) & "tre mis " & ChrW(224) & " jour : " & Err.Description & vbCrLf & _
           "V" & ChrW(233) & "rifiez que xlwings et pacxl sont install" & ChrW(233) & "s (voir macros/README.md).", vbExclamation, "pacxl"
End Sub
