def my_work(request):
    raise NotImplementedError
