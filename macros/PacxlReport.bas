Attribute VB_Name = "PacxlReport"
' pacxl: refresh the report figures (where the plan stands at the tracking month)
' on the "Rapport" sheet: KPIs against plan, budget consumed, actions, funnel activity, ABC.
Option Explicit

Public Sub PacxlRefreshReport()
    On Error GoTo Fail
    RunPython "import pacxl.macros; pacxl.macros.refresh_report()"
    Exit Sub
Fail:
    MsgBox "Le rapport n'a pas pu être mis à jour : " & Err.Description & vbCrLf & _
           "Vérifiez que xlwings et pacxl sont installés (voir macros/README.md).", vbExclamation, "pacxl"
End Sub
