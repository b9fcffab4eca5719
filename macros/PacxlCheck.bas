Attribute VB_Name = "PacxlCheck"
' pacxl: check that the plan is complete and coherent.
' The findings are written to the "Controle" sheet, each with a link to the cell to fix.
Option Explicit

Public Sub PacxlCheckPlan()
    On Error GoTo Fail
    RunPython "import pacxl.macros; pacxl.macros.check_plan()"
    Exit Sub
Fail:
    MsgBox "Le contr" & ChrW(244) & "le n'a pas pu " & ChrW(234) & "tre lanc" & ChrW(233) & " : " & Err.Description & vbCrLf & _
           "V" & ChrW(233) & "rifiez que xlwings et pacxl sont install" & ChrW(233) & "s (voir macros/README.md).", vbExclamation, "pacxl"
End Sub
