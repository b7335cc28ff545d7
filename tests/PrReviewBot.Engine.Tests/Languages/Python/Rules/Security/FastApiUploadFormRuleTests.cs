using PrReviewBot.Engine.Languages.Python.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Security;

public sealed class FastApiUploadFormRuleTests
{
    [Fact]
    public void Flags_body_and_model_dependencies_next_to_an_upload()
    {
        PythonRuleVerifier.Verify<FastApiUploadFormRule>("""
            from typing import List
            from fastapi import APIRouter, Body, Depends, File, UploadFile
            from pydantic import BaseModel

            router = APIRouter()

            class Metadata(BaseModel):
                title: str

            @router.post("/upload")
            async def upload(
                [|title: str = Body(...),|]
                [|meta: Metadata = Depends(),|]
                files: List[UploadFile] = File(...),
            ):
                pass

            @router.put("/one")
            [|def one(data: str = Body(...), file: UploadFile = File(...)): pass|]

            @router.post("/typed")
            def typed(
                file: UploadFile,
                [|meta: Metadata = Depends(Metadata),|]
            ):
                pass
            """);
    }

    [Fact]
    public void Ignores_form_fields_real_dependencies_and_json_endpoints()
    {
        PythonRuleVerifier.VerifyNone<FastApiUploadFormRule>("""
            from fastapi import APIRouter, Body, Depends, File, Form, UploadFile

            router = APIRouter()

            def current_user():
                return None

            class StorageService:
                pass

            @router.post("/upload")
            async def upload(
                title: str = Form(...),
                user=Depends(current_user),
                owner: dict = Depends(current_user),
                storage: StorageService = Depends(),
                file: UploadFile = File(...),
            ):
                pass

            @router.post("/json")
            def json_only(data: dict = Body(...)):
                pass

            def not_a_route(data: str = Body(...), file: UploadFile = File(...)):
                pass
            """);
    }
}
