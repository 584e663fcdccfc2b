"""The API's endpoints. Each reads through the same selector, filter form and lookup as its page (the list page's
`<entity>_visible_to(user)` and filter form; the detail page's `<entity>_for(user, pk, may=…)`), so the API never
shows more than the pages: not visible → 404, visible but not allowed → 403. The one write, a quarter's realisation
of one line, goes through the quarter grid's form and service."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from opop.api import serializers as s
from opop.api.channel import written_via
from opop.api.problems import Conflict, PreconditionFailed, PreconditionRequired, validation_problem
from opop.api.registry_writes import IDEMPOTENCY_KEY, IF_MATCH, PersonWrites, etag
from opop.common.concurrency import StaleObjectError, version_of
from opop.common.years import programme_years
from opop.dashboard import boards
from opop.dashboard.selectors import indicators_with_targets
from pesantren import services as registry_services
from pesantren.access import pesantren_for, santripreneur_for, sociopreneur_for
from pesantren.access_log import log_contact_data_access, log_personal_data_access
from pesantren.filters import PesantrenFilterForm, SantripreneurFilterForm, SociopreneurFilterForm
from pesantren.forms import SantripreneurForm, SociopreneurForm
from pesantren.models import JenisKelamin, PersonalDataAccess, Santripreneur, Sociopreneur, StatusAktif, Tipologi
from pesantren.personal_data import Visibility, personal_data_visibility
from pesantren.selectors import (
    participation_visible_to,
    pesantren_visible_to,
    santripreneur_visible_to,
    sociopreneur_visible_to,
)
from products.access import product_for
from products.forms import ProductFilterForm
from products.models import CurationStatus
from products.selectors import certifications_of, filter_products, products_visible_to, with_readiness
from programs import selectors as plans
from programs import services as plan_services
from programs.access import kegiatan_for, rencana_for
from programs.forms import RealisasiForm, RencanaFilterForm
from programs.models import Realisasi, Status, Triwulan

ID = OpenApiParameter("id", {"type": "integer", "minimum": 1}, OpenApiParameter.PATH, description="Id data.")
BIGGEST_ID = 2**63 - 1


def _query(name, kind=OpenApiTypes.STR, description="", enum=None):
    return OpenApiParameter(name, kind, OpenApiParameter.QUERY, required=False, description=description, enum=enum)


def _id(pk):
    """A path's id as the database can compare it: a number beyond bigint names no row (0)."""
    return pk if 0 < pk <= BIGGEST_ID else 0


def _by_visibility(request, variants):
    """The serializer of this viewer's personal-data visibility: {Visibility: serializer class}."""
    return variants[personal_data_visibility(request.user)]


class ReadOnlyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """A list (the page's selector and filter form) and a detail (the page's lookup)."""

    list_serializer = None
    detail_serializer = None

    def get_serializer_class(self):
        return self.detail_serializer if self.action == "retrieve" else self.list_serializer

    def lookup(self, pk):  # pragma: no cover - overridden
        raise NotImplementedError

    def get_object(self):
        return self.lookup(_id(self.kwargs["pk"]))


# ---------------------------------------------------------------- the registry

REGISTRY_FILTERS = [
    _query("q", description="Cari, seperti kotak cari halaman daftar."),
    _query("kabkota", description="Kode kab/kota (mis. 35.17)."),
    _query("status", enum=StatusAktif.values),
]


@extend_schema_view(
    list=extend_schema(
        summary="Daftar pesantren",
        parameters=[
            *REGISTRY_FILTERS,
            _query("kecamatan", description="Kode kecamatan (bersama kabkota)."),
            _query("tipologi", enum=Tipologi.values),
            _query("kohort", description="peserta, bukan, atau tahun kohort."),
        ],
        responses={200: s.PesantrenSerializer(many=True)},
    ),
    retrieve=extend_schema(
        summary="Satu pesantren dengan kopontren",
        parameters=[ID],
        responses={200: s.PesantrenDetailSerializer},
    ),
)
class PesantrenViewSet(ReadOnlyViewSet):
    list_serializer = s.PesantrenSerializer
    detail_serializer = s.PesantrenDetailSerializer

    def get_queryset(self):
        form = PesantrenFilterForm(self.request.query_params, user=self.request.user)
        return form.filter(pesantren_visible_to(self.request.user))

    def lookup(self, pk):
        pesantren = pesantren_for(self.request.user, pk, related=("kopontren",))
        log_contact_data_access(self.request, PersonalDataAccess.Action.DETAIL, obj=pesantren)
        return pesantren


REGISTRY_WRITE = (
    "Satu orang per permintaan, dengan pemeriksaan yang sama dengan formulir registri (format dan keunikan NIK, "
    "telepon, tahun). NIK yang sudah terdaftar untuk orang yang sama (menurut nama) dijawab 409 dengan nomor datanya; "
    "untuk nama lain, 400 pada isian nik. Kirim Idempotency-Key agar POST yang diulang tidak membuat data kedua; PUT "
    "memerlukan If-Match berisi ETag. Riwayat mencatat “via API token <nama>”."
)
PERSON_FILTERS = [*REGISTRY_FILTERS, _query("jenis_kelamin", enum=JenisKelamin.values)]


@extend_schema_view(
    list=extend_schema(
        summary="Daftar santripreneur",
        description="Data pribadi mengikuti peran pemilik token: utuh (Staf, Admin), tersamar (Pimpinan), "
        "tidak ada (Petugas OPD).",
        parameters=[
            *PERSON_FILTERS,
            _query("pesantren", OpenApiTypes.INT, "Id pesantren."),
            _query("tahun_terdaftar", OpenApiTypes.INT),
        ],
    ),
    retrieve=extend_schema(summary="Satu santripreneur dengan partisipasinya", parameters=[ID]),
    create=extend_schema(
        summary="Menambah satu santripreneur (Staf Diskop, Admin)",
        description=REGISTRY_WRITE,
        parameters=[IDEMPOTENCY_KEY],
        request=s.SantripreneurInputSerializer,
    ),
    update=extend_schema(
        summary="Mengubah satu santripreneur (Staf Diskop, Admin)",
        description=REGISTRY_WRITE,
        parameters=[ID, IF_MATCH],
        request=s.SantripreneurInputSerializer,
    ),
)
class SantripreneurViewSet(PersonWrites, ReadOnlyViewSet):
    form_class = SantripreneurForm
    service = staticmethod(registry_services.santripreneur_save)
    service_fields = registry_services.SANTRIPRENEUR_FIELDS
    input_serializer = s.SantripreneurInputSerializer
    model = Santripreneur

    @staticmethod
    def write_lookup(user, pk):
        return santripreneur_for(user, _id(int(pk)), may="write")

    def get_serializer_class(self):
        if self.action == "retrieve":
            variants = {
                Visibility.FULL: s.SantripreneurLengkapDetailSerializer,
                Visibility.MASKED: s.SantripreneurTersamarDetailSerializer,
                Visibility.HIDDEN: s.SantripreneurDetailSerializer,
            }
        else:
            variants = {
                Visibility.FULL: s.SantripreneurLengkapSerializer,
                Visibility.MASKED: s.SantripreneurTersamarSerializer,
                Visibility.HIDDEN: s.SantripreneurSerializer,
            }
        return _by_visibility(self.request, variants)

    def get_queryset(self):
        form = SantripreneurFilterForm(self.request.query_params, user=self.request.user)
        return form.filter(santripreneur_visible_to(self.request.user))

    def lookup(self, pk):
        person = santripreneur_for(self.request.user, pk)
        log_personal_data_access(self.request, PersonalDataAccess.Action.DETAIL, obj=person)
        return person

    def retrieve(self, request, *args, **kwargs):
        person = self.get_object()
        participations = participation_visible_to(request.user).filter(santripreneur=person).order_by("-tahun", "id")
        serializer = self.get_serializer_class()(
            person, context={**self.get_serializer_context(), "partisipasi": participations}
        )
        return Response(serializer.data, headers={"ETag": etag(person)})


@extend_schema_view(
    list=extend_schema(
        summary="Daftar sociopreneur",
        description="Data pribadi mengikuti peran pemilik token: utuh (Staf, Admin), tersamar (Pimpinan), "
        "tidak ada (Petugas OPD).",
        parameters=PERSON_FILTERS,
    ),
    retrieve=extend_schema(summary="Satu sociopreneur", parameters=[ID]),
    create=extend_schema(
        summary="Menambah satu sociopreneur (Staf Diskop, Admin)",
        description=REGISTRY_WRITE,
        parameters=[IDEMPOTENCY_KEY],
        request=s.SociopreneurInputSerializer,
    ),
    update=extend_schema(
        summary="Mengubah satu sociopreneur (Staf Diskop, Admin)",
        description=REGISTRY_WRITE,
        parameters=[ID, IF_MATCH],
        request=s.SociopreneurInputSerializer,
    ),
)
class SociopreneurViewSet(PersonWrites, ReadOnlyViewSet):
    form_class = SociopreneurForm
    service = staticmethod(registry_services.sociopreneur_save)
    service_fields = registry_services.SOCIOPRENEUR_FIELDS
    input_serializer = s.SociopreneurInputSerializer
    model = Sociopreneur

    @staticmethod
    def write_lookup(user, pk):
        return sociopreneur_for(user, _id(int(pk)), may="write")

    def get_serializer_class(self):
        return _by_visibility(
            self.request,
            {
                Visibility.FULL: s.SociopreneurLengkapSerializer,
                Visibility.MASKED: s.SociopreneurTersamarSerializer,
                Visibility.HIDDEN: s.SociopreneurSerializer,
            },
        )

    def get_queryset(self):
        form = SociopreneurFilterForm(self.request.query_params, user=self.request.user)
        return form.filter(sociopreneur_visible_to(self.request.user))

    def lookup(self, pk):
        person = sociopreneur_for(self.request.user, pk)
        log_personal_data_access(self.request, PersonalDataAccess.Action.DETAIL, obj=person)
        return person

    def retrieve(self, request, *args, **kwargs):
        person = self.get_object()
        return Response(self.get_serializer_class()(person).data, headers={"ETag": etag(person)})


# ---------------------------------------------------------------- products


@extend_schema_view(
    list=extend_schema(
        summary="Daftar produk",
        parameters=[
            _query("q"),
            _query("kategori", OpenApiTypes.INT, "Id kategori."),
            _query("kabkota", description="Kode kab/kota."),
            _query("pesantren", OpenApiTypes.INT, "Id pesantren (bersama kabkota)."),
            _query("status", description="Status kurasi.", enum=CurationStatus.values),
            _query("tahun", OpenApiTypes.INT, "Tahun ditetapkan unggulan."),
            _query("kesiapan", description="Kelengkapan sertifikat."),
        ],
        responses={200: s.ProductSerializer(many=True)},
    ),
    retrieve=extend_schema(
        summary="Satu produk dengan sertifikatnya",
        parameters=[ID],
        responses={200: s.ProductDetailSerializer},
    ),
)
class ProductViewSet(ReadOnlyViewSet):
    list_serializer = s.ProductSerializer
    detail_serializer = s.ProductDetailSerializer

    def get_queryset(self):
        form = ProductFilterForm(self.request.query_params or None, user=self.request.user)
        return filter_products(with_readiness(products_visible_to(self.request.user)), **form.filters())

    def lookup(self, pk):
        product = product_for(self.request.user, pk)
        product.sertifikasi_list = list(certifications_of(product))
        return product


# ---------------------------------------------------------------- plans


@extend_schema_view(
    list=extend_schema(
        summary="Daftar rencana program OPD",
        parameters=[
            _query("tahun", OpenApiTypes.INT),
            _query("opd", OpenApiTypes.INT, "Id OPD (tidak untuk Petugas OPD: selalu OPD-nya)."),
            _query("status", enum=Status.values),
        ],
        responses={200: s.RencanaSerializer(many=True)},
    ),
    retrieve=extend_schema(
        summary="Satu rencana dengan kegiatan, realisasi triwulan dan laporan triwulan",
        parameters=[ID],
        responses={200: s.RencanaDetailSerializer},
    ),
)
class RencanaViewSet(ReadOnlyViewSet):
    list_serializer = s.RencanaSerializer
    detail_serializer = s.RencanaDetailSerializer

    def get_queryset(self):
        user = self.request.user
        form = RencanaFilterForm(self.request.query_params or None, user=user, years=plans.rencana_years(user))
        filters = form.cleaned_data if form.is_valid() else {}
        return plans.rencana_list(
            user, tahun=filters.get("tahun"), opd=filters.get("opd"), status=filters.get("status")
        )

    def lookup(self, pk):
        return rencana_for(self.request.user, pk)

    def retrieve(self, request, *args, **kwargs):
        rencana = self.get_object()
        kegiatan = list(plans.kegiatan_with_realisasi(rencana))
        context = {**self.get_serializer_context(), "kegiatan": kegiatan}
        return Response(s.RencanaDetailSerializer(rencana, context=context).data)


# ---------------------------------------------------------------- quarterly realisation (read and write)


def _etag(realisasi):
    return f'"{version_of(realisasi)}"'


def _if_match(request):
    """The version named by If-Match ("" when absent); a list or a weak tag names none we could have sent."""
    value = request.headers.get("If-Match", "").strip()
    if value.startswith("W/"):
        value = value[2:]
    return value[1:-1] if len(value) >= 2 and value[0] == value[-1] == '"' else value


REALISASI_PARAMS = [
    ID,
    OpenApiParameter(
        "triwulan", OpenApiTypes.INT, OpenApiParameter.PATH, enum=[1, 2, 3, 4], description="Triwulan 1–4."
    ),
]


class RealisasiView(APIView):
    """A line's realisation of one quarter. PUT writes it exactly as the quarter grid of the plan's page does (its form,
    its service, its locks and checks), for the OPD's own lines (Petugas OPD) or any line (Admin); the answer carries
    the row's version as `ETag`, and a PUT over a stored row must send it back in `If-Match`."""

    serializer_class = s.RealisasiDetailSerializer

    def _line(self, request, pk, triwulan, may):
        if triwulan not in Triwulan.values:
            raise _not_found()
        return kegiatan_for(request.user, _id(pk), may=may)

    @extend_schema(
        summary="Realisasi satu kegiatan pada satu triwulan",
        parameters=REALISASI_PARAMS,
        responses={200: OpenApiResponse(s.RealisasiDetailSerializer, description="Dengan header ETag (versi data).")},
    )
    def get(self, request, pk, triwulan):
        kegiatan = self._line(request, pk, triwulan, "view")
        realisasi, _previous = plans.realisasi_and_previous(kegiatan, triwulan)
        if realisasi is None:
            raise _not_found(_("Realisasi triwulan ini belum diisi."))
        realisasi.kegiatan = kegiatan
        return Response(s.RealisasiDetailSerializer(realisasi).data, headers={"ETag": _etag(realisasi)})

    @extend_schema(
        summary="Mengisi atau mengubah realisasi satu kegiatan pada satu triwulan",
        description=(
            "Sama dengan tabel realisasi triwulan di halaman rencana. Untuk realisasi yang sudah ada, kirim header "
            "If-Match berisi ETag dari GET: bila data sudah diubah orang lain, jawabannya 412 dan tidak ada yang "
            "ditulis. Laporan triwulan yang sudah diajukan atau diverifikasi: 409 dengan alasannya. Riwayat data "
            "mencatat “via API token <nama>”."
        ),
        parameters=[
            *REALISASI_PARAMS,
            OpenApiParameter(
                "If-Match", OpenApiTypes.STR, OpenApiParameter.HEADER, required=False, description="ETag dari GET."
            ),
        ],
        request=s.RealisasiInputSerializer,
        responses={
            200: OpenApiResponse(s.RealisasiDetailSerializer, description="Disimpan; header ETag berisi versi baru."),
            201: OpenApiResponse(s.RealisasiDetailSerializer, description="Dibuat; header ETag berisi versinya."),
        },
    )
    def put(self, request, pk, triwulan):
        kegiatan = self._line(request, pk, triwulan, "edit")
        given = s.RealisasiInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        current, _previous = plans.realisasi_and_previous(kegiatan, triwulan)
        versi = _if_match(request)
        if current is None and versi:
            raise PreconditionFailed(_("Realisasi ini belum ada; kirim tanpa If-Match untuk membuatnya."))
        if current is not None and not versi:
            raise PreconditionRequired(
                _(
                    "Realisasi ini sudah ada: kirim header If-Match berisi ETag dari GET agar perubahan orang lain "
                    "tidak tertimpa."
                )
            )
        rencana = kegiatan.rencana
        form = RealisasiForm(
            {name: "" if value is None else str(value) for name, value in given.validated_data.items()}
            | {"versi": versi},
            instance=current or Realisasi(kegiatan=kegiatan, triwulan=triwulan),
            kegiatan=kegiatan,
            kategori=plans.kategori_kendala_choices(),
        )
        if not form.is_valid():
            raise validation_problem(ValidationError(form.errors.as_data()))
        try:
            with written_via(request):
                saved, errors = plan_services.realisasi_save_quarter(
                    actor=request.user,
                    rencana=rencana,
                    triwulan=triwulan,
                    entries=[(kegiatan.pk, form.cleaned_data, versi)],
                )
        except ValidationError as error:  # the plan or the quarter's report is closed to changes: the reason
            raise Conflict(" ".join(error.messages)) from None
        if kegiatan.pk in errors:
            error = errors[kegiatan.pk]
            if isinstance(error, StaleObjectError):
                raise PreconditionFailed(" ".join(error.messages))
            raise validation_problem(error)
        realisasi = saved[kegiatan.pk]
        realisasi.kegiatan = kegiatan
        return Response(
            s.RealisasiDetailSerializer(realisasi).data,
            status=status.HTTP_200_OK if current is not None else status.HTTP_201_CREATED,
            headers={"ETag": _etag(realisasi)},
        )


def _not_found(message=None):
    return NotFound(message or _("Data tidak ditemukan atau tidak dapat Anda lihat."))


# ---------------------------------------------------------------- indicators and the dashboards' progress


@extend_schema_view(
    list=extend_schema(
        summary="Kamus indikator dengan target berlaku dan angka tercatat",
        responses={200: s.IndicatorSerializer(many=True)},
    ),
)
class IndicatorViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = s.IndicatorSerializer
    pagination_class = None

    def get_queryset(self):
        return indicators_with_targets(self.request.user).order_by("urutan", "kode")


class ProgressView(APIView):
    @extend_schema(
        summary="Capaian indikator seperti kartu dasbor",
        description="Angka yang sama dengan kartu dasbor untuk pengguna yang sama: realisasi dari registri pada akhir "
        "tahun, target tenggat, persen dan pita capaian, angka tercatat.",
        parameters=[_query("tahun", OpenApiTypes.INT, "Tahun (bawaan: tahun ini).")],
        responses={200: s.ProgressSerializer(many=True)},
    )
    def get(self, request):
        value = request.query_params.get("tahun", "")
        years = programme_years()
        tahun = int(value) if value.isdigit() and len(value) < 6 and int(value) in years else timezone.localdate().year
        now = timezone.now()
        cards = boards.progress_cards(request.user, tahun)["cards"]
        rows = [
            {
                "kode": card.indicator.kode,
                "nama": card.indicator.nama,
                "tahun": tahun,
                "realisasi": card.realised,
                "dari_registri": card.in_registry,
                "tahun_target": card.deadline_year,
                "target": card.target,
                "target_tahun_ini": card.year_target,
                "persen": card.persen,
                "pita": card.band,
                "baseline": card.baseline,
                "selesai": card.finished,
                "angka_tercatat": card.recorded,
                "sumber": card.indicator.sumber,
                "per_tanggal": now,
            }
            for card in cards
        ]
        return Response(s.ProgressSerializer(rows, many=True).data)
