package main

import "sync"

type Res struct{ v int }

func fill(r *Res, v int, wg *sync.WaitGroup) {
	r.v = v
	wg.Done()
}

func main() {
	var wg sync.WaitGroup
	rs := make([]*Res, 4)
	for i := 0; i < 4; i++ {
		rs[i] = &Res{}
		wg.Add(1)
		go fill(rs[i], i, &wg)
	}
	wg.Wait()
	println(rs[3].v)
}
