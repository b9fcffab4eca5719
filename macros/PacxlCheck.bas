Attribute VB_Name = "PacxlCheck"
' pacxl: check that the plan is complete and coherent.
' The findings are written to the "Contrôle" sheet, each with a link to the cell to fix.
Option Explicit

Public Sub PacxlCheckPlan()
    On Error GoTo Fail
    RunPython "import pacxl.macros; pacxl.macros.check_plan()"
    Exit Sub
Fail:
    MsgBox "Le contrôle n'a pas pu être lancé : " & Err.Description & vbCrLf & _
           "Vérifiez que xlwings et pacxl sont installés (voir macros/README.md).", vbExclamation, "pacxl"
End Sub
