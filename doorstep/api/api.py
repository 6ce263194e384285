from ninja import NinjaAPI

api = NinjaAPI(title="Doorstep API", version="1")
