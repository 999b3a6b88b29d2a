"""HTTP routes of the strategigraf service, one ``APIRouter`` per module; the app includes them."""
