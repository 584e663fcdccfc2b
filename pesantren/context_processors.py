from pesantren.personal_data import personal_data_visibility


def personal_visibility(request):
    return {"personal_visibility": personal_data_visibility(getattr(request, "user", None))}
