/*
 * Questions about the format 1.1 keys of Group B (money, projects, bodies
 * written once for many, external parties) that rules, views and metrics
 * ask alike, so that they answer them one way: is the agreement a Finsam
 * one, is a party external, has a body's period ended, how many bodies an
 * entry stands for.
 */
#include "samverkan/model.h"

bool sv_agreement_is_finsam(const sv_model *model)
{
    return model->agreement.kind == SV_AGREEMENT_FINSAM;
}

bool sv_party_kind_is_external(sv_party_kind kind)
{
    return kind == SV_PARTY_AUDITOR || kind == SV_PARTY_EVALUATOR || kind == SV_PARTY_PROVIDER;
}

bool sv_model_is_external(const sv_model *model, sv_id el)
{
    sv_id top = sv_model_top_party(model, el);
    return top != SV_NONE &&
           sv_party_kind_is_external(model->parties[model->elements[top].index].kind);
}

bool sv_body_ended(const sv_model *model, uint32_t body, int year)
{
    const sv_body *b = &model->bodies[body];
    return b->period_to.year != 0 && b->period_to.year < year;
}

uint32_t sv_body_instances(const sv_model *model, uint32_t body)
{
    uint32_t n = model->bodies[body].instances;
    return n ? n : 1;
}
